namespace StudyBot.Training.Tests.Training;

/// <summary>An IProgress that calls back at once on the reporting thread (Progress&lt;T&gt; posts asynchronously).</summary>
internal sealed class SyncProgress<T>(Action<T> onReport) : IProgress<T>
{
    public void Report(T value) => onReport(value);
}
