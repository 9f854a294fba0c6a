using LiteDB;

namespace StudyBot.Storage;

/// <summary>
/// The bot's one LiteDB database file. A single instance is shared by every repository of the process
/// (LiteDB serialises access within a process); repositories take it through their constructors.
/// </summary>
public sealed class StudyBotDatabase : IDisposable
{
    public StudyBotDatabase(string filePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        FilePath = Path.GetFullPath(filePath);
        var directory = Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        Database = new LiteDatabase(new ConnectionString { Filename = FilePath, Connection = ConnectionType.Direct });
    }

    public string FilePath { get; }

    public ILiteDatabase Database { get; }

    public ILiteCollection<T> Collection<T>(string name) => Database.GetCollection<T>(name);

    public void Dispose() => Database.Dispose();
}
