using StudyBot.Core.FineTune;

namespace StudyBot.FineTune;

/// <summary>A queued (or approval-awaiting) run, its queue position, and a note for the member when a setting was
/// adapted to the data (e.g. a lowered batch size).</summary>
public sealed record FineTuneStartResult(FineTuneRun Run, int? Position, string? Note);
