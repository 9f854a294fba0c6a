using StudyBot.Storage;

namespace StudyBot.Storage.Tests.Queue;

/// <summary>A real LiteDB file in a fresh temp folder; <see cref="Reopen"/> closes and opens the same file.</summary>
internal sealed class TempDatabase : IDisposable
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "studybot-tests", Guid.NewGuid().ToString("N"));

    public TempDatabase()
    {
        Path = System.IO.Path.Combine(_folder, "studybot.db");
        Database = new StudyBotDatabase(Path);
    }

    public string Path { get; }

    public StudyBotDatabase Database { get; private set; }

    public StudyBotDatabase Reopen()
    {
        Database.Dispose();
        Database = new StudyBotDatabase(Path);
        return Database;
    }

    public void Dispose()
    {
        Database.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
