using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StudyBot.Core.Papers;

namespace StudyBot.Storage.Arxiv;

/// <summary>
/// Fetches one paper's metadata from the arXiv Atom API. Every failure (HTTP error, rate limit, timeout, garbage
/// reply, arXiv's error entry, unknown id) comes back as a typed <see cref="ArxivFetchResult"/>; only the caller's
/// own cancellation throws. Requests are serialised and spaced at least <see cref="ArxivClientOptions.MinInterval"/>
/// apart, measured on the <see cref="TimeProvider"/>: register one instance per process (a singleton).
/// </summary>
public sealed partial class ArxivClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ArxivClientOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset? _lastRequestFinished;

    public ArxivClient(HttpClient httpClient, TimeProvider timeProvider, ArxivClientOptions options, ILogger<ArxivClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = httpClient;
        _time = timeProvider;
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public async Task<ArxivFetchResult> FetchAsync(ArxivId id, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_lastRequestFinished is { } last)
            {
                var wait = last + _options.MinInterval - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken);
                }
            }

            try
            {
                return await SendAsync(id, cancellationToken);
            }
            finally
            {
                // Spacing counts from the end of a request, so a slow reply never lets the next one start early.
                _lastRequestFinished = _time.GetUtcNow();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ArxivFetchResult> SendAsync(ArxivId id, CancellationToken cancellationToken)
    {
        var uri = new UriBuilder(_options.BaseUrl) { Query = "id_list=" + id.Value }.Uri;
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.UserAgent.ParseAdd(_options.UserAgent);
            LogRequest(_logger, id.Value);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token);
            var body = await response.Content.ReadAsStringAsync(linked.Token);
            var result = Classify(response.StatusCode, body, id.Value);
            if (!result.Succeeded)
            {
                LogFailure(_logger, id.Value, result.Failure!.Value, result.Message!);
            }

            return result;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var seconds = _options.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            LogFailure(_logger, id.Value, ArxivFailureKind.Timeout, "timeout");
            return ArxivFetchResult.Failed(ArxivFailureKind.Timeout, $"arXiv did not answer within {seconds} s");
        }
        catch (HttpRequestException e)
        {
            LogFailure(_logger, id.Value, ArxivFailureKind.NetworkError, e.Message);
            return ArxivFetchResult.Failed(ArxivFailureKind.NetworkError, $"could not reach arXiv: {e.Message}");
        }
    }

    private static ArxivFetchResult Classify(HttpStatusCode status, string body, string id)
    {
        var trimmed = body.Trim();
        if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
            || trimmed.StartsWith("Rate exceeded", StringComparison.OrdinalIgnoreCase))
        {
            var said = trimmed.Length is > 0 and <= 120 ? $": \"{trimmed}\"" : string.Empty;
            return ArxivFetchResult.Failed(
                ArxivFailureKind.RateLimited,
                $"arXiv is limiting requests right now (HTTP {(int)status}{said}); try again in a minute");
        }

        if ((int)status is < 200 or > 299)
        {
            return ArxivFetchResult.Failed(ArxivFailureKind.HttpError, $"arXiv answered HTTP {(int)status} {status}");
        }

        return ArxivAtomParser.Parse(body, id);
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Asking arXiv for {ArxivId}")]
    private static partial void LogRequest(ILogger logger, string arxivId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "arXiv lookup for {ArxivId} failed ({Kind}): {Reason}")]
    private static partial void LogFailure(ILogger logger, string arxivId, ArxivFailureKind kind, string reason);
}
