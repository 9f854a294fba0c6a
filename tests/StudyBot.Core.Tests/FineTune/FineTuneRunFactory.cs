using StudyBot.Core.FineTune;

namespace StudyBot.Core.Tests.FineTune;

/// <summary>Builds runs for the domain tests.</summary>
internal static class FineTuneRunFactory
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static FineTuneRunSettings Settings(int rank = 8, int steps = 100, int seqLen = 64, long datasetBytes = 1000, IReadOnlyList<string>? targets = null) =>
        new("tiny", new FineTuneDatasetSource(FineTuneDatasetKind.BuiltInSample, BuiltInDatasets.PaperClub, null, datasetBytes),
            rank, 16, targets ?? ["c_attn"], steps, 1e-3, seqLen, 1234, "The paper club");

    public static FineTuneRun Requested(string id, ulong user = 1, DateTimeOffset? at = null) =>
        FineTuneRun.Request(id, 10, 20, new FineTuneRequester(user, "member" + user), Settings(), new string('a', 64), at ?? T0);

    public static FineTuneRun Queued(string id, ulong user, int minutes) =>
        Requested(id, user, T0.AddMinutes(minutes)).Submit(requireApproval: false, T0.AddMinutes(minutes));

    public static FineTuneRun Running(string id, ulong user, int minutes) => Queued(id, user, minutes).Start(T0.AddMinutes(minutes + 1));
}
