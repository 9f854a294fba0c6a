namespace StudyBot.Training.Tests.Data;

/// <summary>Writes data files into a temp folder that disappears with the test.</summary>
internal sealed class DataFiles : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("studybot-data-").FullName;

    public string Write(string name, string content) => WriteBytes(name, System.Text.Encoding.UTF8.GetBytes(content));

    public string WriteBytes(string name, byte[] content)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
