using System.Net;
using StudyBot.Core.FineTune;

namespace StudyBot.Storage.FineTune;

/// <summary>Downloads attachments over HTTP(S) with a hard size cap: the body is read in chunks and the download
/// stops as soon as it passes the cap, whatever Content-Length claimed.</summary>
public sealed class HttpDatasetFetcher(HttpClient httpClient) : IDatasetFetcher
{
    public async Task<byte[]> DownloadAsync(Uri url, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
        {
            throw new FineTuneDatasetException("The attachment's address is not an http(s) address.");
        }

        HttpResponseMessage response;
        try
        {
            response = await httpClient.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new FineTuneDatasetException("The attachment could not be downloaded; try attaching it again.", e);
        }

        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new FineTuneDatasetException(
                    $"The attachment could not be downloaded (HTTP {(int)response.StatusCode}); try attaching it again.");
            }

            if (response.Content.Headers.ContentLength is { } announced && announced > maxBytes)
            {
                throw TooLarge(announced, maxBytes);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw TooLarge(null, maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private static FineTuneDatasetException TooLarge(long? size, long maxBytes) => new(size is { } s
        ? $"The attachment is {FineTuneSettingsValidator.FormatBytes(s)}; the limit is {FineTuneSettingsValidator.FormatBytes(maxBytes)}."
        : $"The attachment is larger than the limit of {FineTuneSettingsValidator.FormatBytes(maxBytes)}.");
}
