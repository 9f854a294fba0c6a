namespace StudyBot.EndToEnd.Tests.Bot;

/// <summary>The checkout the tests run from, found by walking up to StudyBot.sln, so the bot reads the real papers.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string PapersDirectory => System.IO.Path.Combine(Path, "papers");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "StudyBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No StudyBot.sln above {AppContext.BaseDirectory}.");
    }
}
