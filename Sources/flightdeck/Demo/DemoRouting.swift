import FlightDeckCore
import Foundation

/// The demo's routing targets: a LiteLLM router configuration and an
/// OpenFeature flagd flag file in the demo workspace's own `routing`
/// folder (never a system path: a demo must not rewrite a real router's
/// configuration), published from the demo's dashboard as from `flightdeck
/// serve` (<doc:Routing>), and the LiteLLM file the simulated traffic
/// follows (``PublishedRoutingFollower``).
enum DemoRouting {
  /// The folder the targets write into: `WORKSPACE/routing`, absolute.
  static func folder(_ workspace: RegistryWorkspace) -> String {
    URL(fileURLWithPath: workspace.directory).standardizedFileURL.appendingPathComponent("routing").path
  }

  /// The demo's `[routing]`: `litellm` (`routing/litellm.yaml`, LiteLLM's
  /// `model_list`, model `openai/{artefact}-{version}`) and `flags`
  /// (`routing/flags.json`, flagd), every artefact; a read-back every 2 s
  /// so a hand edit shows on screen at once; a failed publish retried after
  /// 1 s, doubling up to 30 s.
  static func configuration(_ workspace: RegistryWorkspace) -> RoutingConfiguration {
    let dir = folder(workspace)
    return RoutingConfiguration(
      targets: [
        RoutingTarget(name: "litellm", kind: .litellm, path: dir + "/litellm.yaml"),
        RoutingTarget(name: "flags", kind: .flagd, path: dir + "/flags.json"),
      ],
      retry: RoutingRetryPolicy(initialBackoffMs: 1_000, maxBackoffMs: 30_000), checkIntervalMs: 2_000)
  }

  /// The target the simulated traffic follows: the LiteLLM file.
  static func followedTarget(_ workspace: RegistryWorkspace) -> RoutingTarget {
    configuration(workspace).targets[0]
  }

  /// Makes the `routing` folder and, when a target's file is missing (a
  /// workspace seeded before the demo published, or a file deleted by
  /// hand), makes every artefact with a production version due in the
  /// routing outbox, so the dashboard's publisher writes the files when the
  /// screen opens; a file that is there is left for the read-back to judge.
  /// - Throws: `CLIError` when the folder cannot be made or the store refuses.
  static func prepare(_ workspace: RegistryWorkspace, store: any RegistryStore, clock: any FlightDeckClock)
    throws
  {
    let dir = folder(workspace)
    do {
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    } catch {
      throw CLIError("cannot create the demo's routing folder \(dir): \(error.localizedDescription)")
    }
    let targets = configuration(workspace).targets
    guard targets.contains(where: { !FileManager.default.fileExists(atPath: $0.path) }),
      let outbox = store as? any RoutingOutboxStore
    else { return }
    do {
      for entry in try store.snapshot().artefacts where entry.pointers[.production] != nil {
        try outbox.requestRoutingPublish(artefact: entry.artefact.name, at: clock.now())
      }
    } catch let e as RegistryError {
      throw CLIError("demo workspace \(workspace.directory): \(e.message)")
    }
  }
}
