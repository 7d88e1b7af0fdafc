/// Told every step a ``NotificationControllerWork`` finished: the
/// notification counters of a `/metrics` exposition (messages per receiver
/// and outcome, the time from an event to its delivery), fed from the
/// sender's own reports without the core knowing how they are exposed.
///
/// Calls come from the task that ran the step, one at a time per work.
public protocol NotificationStepObserver: Sendable {
  /// One step's report (``NotificationSender/StepReport/messages`` and
  /// ``NotificationSender/StepReport/deliveryLatenciesMs`` among it).
  func stepFinished(_ report: NotificationSender.StepReport)
}
