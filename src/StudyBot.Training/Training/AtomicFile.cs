namespace StudyBot.Training.Training;

/// <summary>Writes a file so that it appears complete or not at all (temp file in the same folder, then rename).</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string contents)
    {
        Write(path, temp => File.WriteAllText(temp, contents));
    }

    public static void WriteAllBytes(string path, byte[] contents)
    {
        Write(path, temp => File.WriteAllBytes(temp, contents));
    }

    /// <summary>Runs <paramref name="writeTo"/> against a temporary path, then moves the result into place.</summary>
    public static void Write(string path, Action<string> writeTo)
    {
        ArgumentNullException.ThrowIfNull(writeTo);
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var temp = $"{fullPath}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            writeTo(temp);
            File.Move(temp, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
