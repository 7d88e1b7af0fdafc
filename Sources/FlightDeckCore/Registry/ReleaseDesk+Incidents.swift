/// The incident and KPI reads the dashboard makes through its desk (the
/// Incidents pane, the incident view and the KPI overlay). Each read goes
/// straight to the store; failures come back as a ``RegistryError``, never
/// thrown past the desk.
extension ReleaseDesk {
  /// Incidents the Incidents pane lists at most (newest first by the store).
  public static let incidentQueueLimit = 50

  /// The incident queue: up to ``incidentQueueLimit`` incidents in any
  /// state, as `RegistryStore.incidents(states:limit:)` returns them.
  /// - Returns: the incidents, or why they could not be read.
  public func incidents() -> Result<[Incident], RegistryError> {
    do {
      return .success(try store.incidents(states: nil, limit: Self.incidentQueueLimit))
    } catch {
      return .failure(Self.registryError(error))
    }
  }

  /// Incident `id` and its self-built timeline (oldest first), read in one go.
  /// - Returns: both, or why they could not be read (`.notFound` for an unknown id).
  public func incidentDetail(id: Int64) -> Result<(Incident, [IncidentTimelineEntry]), RegistryError> {
    do {
      return .success((try store.incident(id: id), try store.incidentTimeline(id: id)))
    } catch {
      return .failure(Self.registryError(error))
    }
  }

  /// The lifecycle KPIs over [`from`, `to`] computed from the store
  /// (``KPIInputs/load(store:from:to:)``) and, when given, the telemetry tally
  /// (the dashboard's own files: cost and latency-SLO attainment) with
  /// ``KPICalculator/compute(_:telemetry:)``; without it those KPIs are n/a.
  /// - Returns: the report, or why the store could not be read.
  public func kpiReport(from: Timestamp, to: Timestamp, telemetry: KPITelemetry? = nil)
    -> Result<KPIReport, RegistryError>
  {
    do {
      return .success(
        KPICalculator.compute(try KPIInputs.load(store: store, from: from, to: to), telemetry: telemetry))
    } catch {
      return .failure(Self.registryError(error))
    }
  }
}
