using StudyBot.Storage;

namespace StudyBot.Storage.Tests.FineTune;

/// <summary>A LiteDB file in a fresh temp folder, deleted with the folder.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Directory = Path.Combine(Path.GetTempPath(), "studybot-ft-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        FilePath = Path.Combine(Directory, "studybot.db");
        Database = new StudyBotDatabase(FilePath);
    }

    public string Directory { get; }

    public string FilePath { get; }

    public StudyBotDatabase Database { get; private set; }

    public void Reopen()
    {
        Database.Dispose();
        Database = new StudyBotDatabase(FilePath);
    }

    public void Dispose()
    {
        Database.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
