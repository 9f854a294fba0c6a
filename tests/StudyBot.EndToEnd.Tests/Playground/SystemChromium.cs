using Microsoft.Playwright;

namespace StudyBot.EndToEnd.Tests.Playground;

/// <summary>
/// Debian's Chromium driven by Playwright's bundled driver, with a fresh profile per launch. Never downloads a browser:
/// CI installs <c>chromium</c> through <c>scripts/bootstrap.sh</c> with STUDYBOT_BOOTSTRAP_BROWSER=1.
/// </summary>
public sealed class SystemChromium : IAsyncDisposable
{
    public const string DefaultExecutablePath = "/usr/bin/chromium";

    /// <summary>STUDYBOT_CHROMIUM when set (another Chromium build, e.g. a Chrome deb where the distribution ships
    /// Chromium only as a snap), else Debian's <see cref="DefaultExecutablePath"/>.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("STUDYBOT_CHROMIUM") is { Length: > 0 } custom ? custom : DefaultExecutablePath;

    /// <summary>The trait every browser test class carries; <c>dotnet test --filter Category!=Browser</c> leaves them out
    /// where no Chromium deb exists (Ubuntu images, the Docker test stage).</summary>
    public const string TestCategory = "Browser";

    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly string _profileDir;

    private SystemChromium(IPlaywright playwright, IBrowserContext context, string profileDir)
    {
        _playwright = playwright;
        Context = context;
        _profileDir = profileDir;
    }

    /// <summary>One browser profile; pages opened from it share nothing with other launches.</summary>
    public IBrowserContext Context { get; }

    public static async Task<SystemChromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"{ExecutablePath} is missing: install Debian's chromium (apt-get install -y chromium, or STUDYBOT_BOOTSTRAP_BROWSER=1 scripts/bootstrap.sh). " +
                "Where no chromium deb exists (Ubuntu ships a snap), point STUDYBOT_CHROMIUM at another Chromium or Chrome binary, " +
                "or leave the browser tests out: scripts/test --filter Category!=Browser.");
        }
        // The driver must never fetch browsers; with ExecutablePath set it only runs the binary given.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var profileDir = Directory.CreateTempSubdirectory("studybot-chromium-").FullName;
        var playwright = await Playwright.CreateAsync();
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profileDir, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Flags,
                ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
                Locale = "en-GB",
                TimezoneId = "UTC",
                AcceptDownloads = true,
            });
            return new SystemChromium(playwright, context, profileDir);
        }
        catch
        {
            playwright.Dispose();
            Directory.Delete(profileDir, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profileDir, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be flushing its profile; a leftover temp folder is harmless.
        }
    }
}
