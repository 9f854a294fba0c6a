namespace StudyBot.Hosting;

/// <summary>The <c>Health</c> section: where the bot's small HTTP server (health check, HTTP interactions) listens.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    public string Urls { get; set; } = "http://127.0.0.1:8080";
}
