namespace StudyBot.Core.FineTune;

public static class FineTuneRunStates
{
    /// <summary>States that still hold (or wait for) a GPU slot and count against a member's active-run limit.</summary>
    public static IReadOnlyList<FineTuneRunState> Active { get; } =
        [FineTuneRunState.Requested, FineTuneRunState.AwaitingApproval, FineTuneRunState.Queued, FineTuneRunState.Running];

    public static bool IsFinal(this FineTuneRunState state) =>
        state is FineTuneRunState.Succeeded or FineTuneRunState.Failed or FineTuneRunState.Cancelled;
}
