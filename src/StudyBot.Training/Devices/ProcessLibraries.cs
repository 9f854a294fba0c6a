namespace StudyBot.Training.Devices;

/// <summary>Which shared libraries the process has mapped (Linux /proc/self/maps): the ground truth for "which libtorch".</summary>
public static class ProcessLibraries
{
    /// <summary>Distinct full paths of mapped files whose name starts with <paramref name="fileNamePrefix"/>.</summary>
    public static IReadOnlyList<string> Find(string fileNamePrefix)
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return [];
        }

        var found = new List<string>();
        foreach (var line in File.ReadLines(maps))
        {
            var slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                continue;
            }

            var path = line[slash..];
            if (Path.GetFileName(path).StartsWith(fileNamePrefix, StringComparison.Ordinal) && !found.Contains(path))
            {
                found.Add(path);
            }
        }

        return found;
    }
}
