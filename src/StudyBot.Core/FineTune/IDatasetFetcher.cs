namespace StudyBot.Core.FineTune;

/// <summary>Downloads an attached data file.</summary>
public interface IDatasetFetcher
{
    /// <summary>
    /// The file's bytes. Stops reading and throws <see cref="FineTuneDatasetException"/> as soon as more than
    /// <paramref name="maxBytes"/> arrive (or the server announces more); also for HTTP errors, with a member-facing message.
    /// </summary>
    Task<byte[]> DownloadAsync(Uri url, long maxBytes, CancellationToken cancellationToken);
}
