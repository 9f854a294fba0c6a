namespace StudyBot.Storage.Arxiv;

/// <summary>Settings of the arXiv API client (configuration section "Arxiv").</summary>
public sealed class ArxivClientOptions
{
    public const string SectionName = "Arxiv";

    /// <summary>The Atom query endpoint; tests point it at a loopback server.</summary>
    public Uri BaseUrl { get; set; } = new("http://export.arxiv.org/api/query");

    /// <summary>How long one request may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>arXiv asks API users to leave at least three seconds between requests.</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromSeconds(3);

    public string UserAgent { get; set; } = "StudyBot/1.0 (paper club Discord bot)";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (!BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttp && BaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"{SectionName}:BaseUrl must be an absolute http(s) URL (got '{BaseUrl}').");
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentException($"{SectionName}:Timeout must be between 0 and 5 minutes (got {Timeout}).");
        }

        if (MinInterval < TimeSpan.Zero || MinInterval > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentException($"{SectionName}:MinInterval must be between 0 and 5 minutes (got {MinInterval}).");
        }

        if (string.IsNullOrWhiteSpace(UserAgent))
        {
            throw new ArgumentException($"{SectionName}:UserAgent must not be empty.");
        }
    }
}
