namespace StudyBot.Core.Queue;

public enum VoteOutcome
{
    /// <summary>The vote was added or removed.</summary>
    Changed,

    /// <summary>Voting for a paper already voted for, or unvoting one not voted for.</summary>
    Unchanged,

    /// <summary>The paper is not in the queue.</summary>
    NotQueued,
}
