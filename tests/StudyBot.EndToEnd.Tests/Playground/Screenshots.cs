using StudyBot.EndToEnd.Tests.Bot;

namespace StudyBot.EndToEnd.Tests.Playground;

/// <summary>Where browser tests save screenshots: docs/ when STUDYBOT_UPDATE_SCREENSHOTS=1 (to refresh the
/// pictures the README shows), the temp folder otherwise, so a test run leaves the checkout unchanged.</summary>
internal static class Screenshots
{
    public static string PathFor(string name)
    {
        var folder = Environment.GetEnvironmentVariable("STUDYBOT_UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(RepositoryRoot.Path, "docs")
            : Path.GetTempPath();
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
