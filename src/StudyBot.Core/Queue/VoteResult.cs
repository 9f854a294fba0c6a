namespace StudyBot.Core.Queue;

/// <summary>What a vote or unvote did, and the paper's vote count afterwards.</summary>
public sealed record VoteResult(VoteOutcome Outcome, int Votes);
