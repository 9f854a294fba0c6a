using StudyBot.Core.FineTune;
using StudyBot.Storage.FineTune;

namespace StudyBot.Storage.Tests.FineTune;

public sealed class HttpDatasetFetcherTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private LoopbackFileServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackFileServer.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_file_within_the_cap_is_downloaded_whole()
    {
        var bytes = await new HttpDatasetFetcher(_http).DownloadAsync(_server.Url("/bytes/5000"), 5000, CancellationToken.None);

        Assert.Equal(5000, bytes.Length);
    }

    [Fact]
    public async Task A_file_announced_above_the_cap_is_refused_with_both_sizes()
    {
        var error = await Assert.ThrowsAsync<FineTuneDatasetException>(() =>
            new HttpDatasetFetcher(_http).DownloadAsync(_server.Url("/bytes/20480"), 10240, CancellationToken.None));

        Assert.Equal("The attachment is 20 KiB; the limit is 10 KiB.", error.Message);
    }

    [Fact]
    public async Task A_stream_without_a_length_stops_at_the_cap()
    {
        var error = await Assert.ThrowsAsync<FineTuneDatasetException>(() =>
            new HttpDatasetFetcher(_http).DownloadAsync(_server.Url("/stream/50000"), 10240, CancellationToken.None));

        Assert.Contains("larger than the limit of 10 KiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_and_a_non_http_address_give_clear_errors()
    {
        var fetcher = new HttpDatasetFetcher(_http);

        var missing = await Assert.ThrowsAsync<FineTuneDatasetException>(() => fetcher.DownloadAsync(_server.Url("/nothing"), 100, CancellationToken.None));
        Assert.Contains("HTTP 404", missing.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<FineTuneDatasetException>(() => fetcher.DownloadAsync(new Uri("file:///etc/passwd"), 100, CancellationToken.None));
    }
}
