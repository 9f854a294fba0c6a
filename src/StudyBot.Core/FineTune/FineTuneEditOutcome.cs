namespace StudyBot.Core.FineTune;

/// <summary>The result of editing a run's message. <paramref name="Message"/> is the message's reference after the
/// edit when the transport learned something new (e.g. the message id behind an interaction token), else null.</summary>
public sealed record FineTuneEditOutcome(FineTuneEditStatus Status, FineTuneMessageRef? Message = null)
{
    public static FineTuneEditOutcome Edited { get; } = new(FineTuneEditStatus.Edited);

    public static FineTuneEditOutcome Gone { get; } = new(FineTuneEditStatus.Gone);

    public static FineTuneEditOutcome Failed { get; } = new(FineTuneEditStatus.Failed);
}
