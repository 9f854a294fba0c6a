using StudyBot.Training.Data;

namespace StudyBot.Training.Tests.Data;

public sealed class DatasetInspectorTests
{
    [Fact]
    public void Summarises_a_valid_jsonl_file()
    {
        using var files = new DataFiles();
        var path = files.Write("qa.jsonl", "{\"prompt\": \"Q: what is LoRA?\", \"completion\": \" low rank\"}\n{\"prompt\": \"Q\", \"completion\": \"A\"}\n");

        var inspection = DatasetInspector.Inspect(path, maxBytes: 1024);

        Assert.Equal(DatasetFormat.JsonlPromptCompletion, inspection.Format);
        Assert.Equal(2, inspection.RecordCount);
        Assert.Equal(new FileInfo(path).Length, inspection.SizeBytes);
        Assert.Equal("Q: what is LoRA? low rankQA".Length, inspection.CharacterCount);
    }

    [Fact]
    public void File_over_the_size_limit_is_rejected_before_reading()
    {
        using var files = new DataFiles();
        var path = files.Write("big.txt", new string('x', 3000));
        var error = Assert.Throws<DatasetException>(() => DatasetInspector.Inspect(path, maxBytes: 2048));
        Assert.Contains("2.9 KiB; the limit is 2 KiB", error.Message);
    }

    [Fact]
    public void Attachment_bytes_are_checked_like_a_file()
    {
        var error = Assert.Throws<DatasetException>(() => DatasetInspector.Inspect("{\"text\": 1}\n"u8, "upload.jsonl"));
        Assert.Contains("'upload.jsonl' line 1", error.Message);
        Assert.Equal(DatasetFormat.PlainText, DatasetInspector.Inspect("hello"u8, "upload.txt").Format);
    }
}
