namespace StudyBot.Cli.Papers;

/// <summary>
/// Finds the paper library folder: an explicit path, else <c>./papers</c>, else the <c>papers/</c> folder of the
/// checkout or install the executable runs from (so <c>dotnet run</c> from any folder finds the repository's notes).
/// </summary>
public static class PapersDirectory
{
    public static string Resolve(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        var local = Path.GetFullPath("papers");
        if (Directory.Exists(local))
        {
            return local;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "papers");
            if (Directory.Exists(candidate) && Directory.EnumerateFiles(candidate, "*.md").Any())
            {
                return candidate;
            }
        }

        return local;
    }
}
