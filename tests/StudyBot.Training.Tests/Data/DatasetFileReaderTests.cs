using StudyBot.Training.Data;

namespace StudyBot.Training.Tests.Data;

public sealed class DatasetFileReaderTests
{
    [Fact]
    public void Empty_file_is_rejected()
    {
        using var files = new DataFiles();
        var error = Assert.Throws<DatasetException>(() => DatasetFileReader.Read(files.Write("empty.txt", "")));
        Assert.Contains("is empty", error.Message);
    }

    [Fact]
    public void Whitespace_only_file_is_rejected()
    {
        using var files = new DataFiles();
        var error = Assert.Throws<DatasetException>(() => DatasetFileReader.Read(files.Write("blank.jsonl", "\n  \n\t\n")));
        Assert.Contains("only whitespace", error.Message);
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_its_line()
    {
        using var files = new DataFiles();
        byte[] content = [.. "first line\nsecond "u8, 0xC3, 0x28, .. " line\n"u8];
        var error = Assert.Throws<DatasetException>(() => DatasetFileReader.Read(files.WriteBytes("latin.txt", content)));
        Assert.Contains("not valid UTF-8", error.Message);
        Assert.Contains("line 2", error.Message);
        Assert.Equal(2, error.LineNumber);
    }

    [Fact]
    public void Invalid_json_is_reported_with_its_line()
    {
        using var files = new DataFiles();
        var path = files.Write("data.jsonl", "{\"text\": \"fine\"}\n\n{\"text\": \"broken\"\n");
        var error = Assert.Throws<DatasetException>(() => DatasetFileReader.Read(path));
        Assert.Contains("line 3: invalid JSON", error.Message);
        Assert.Equal(3, error.LineNumber);
    }

    [Fact]
    public void Line_with_neither_shape_is_reported()
    {
        using var files = new DataFiles();
        var path = files.Write("data.jsonl", "{\"text\": \"fine\"}\n{\"body\": \"what\"}\n");
        var error = Assert.Throws<DatasetException>(() => DatasetFileReader.Read(path));
        Assert.Contains("line 2: has neither \"text\" nor \"prompt\"+\"completion\"", error.Message);
    }

    [Fact]
    public void Prompt_without_completion_is_reported()
    {
        using var files = new DataFiles();
        var error = Assert.Throws<DatasetException>(() => DatasetFileReader.Read(files.Write("d.jsonl", "{\"prompt\": \"q\"}\n")));
        Assert.Contains("line 1: has no \"completion\" string", error.Message);
    }

    [Fact]
    public void Mixing_shapes_in_one_file_is_reported()
    {
        using var files = new DataFiles();
        var path = files.Write("d.jsonl", "{\"prompt\": \"q\", \"completion\": \"a\"}\n{\"text\": \"t\"}\n");
        var error = Assert.Throws<DatasetException>(() => DatasetFileReader.Read(path));
        Assert.Contains("line 2", error.Message);
        Assert.Contains("one file must use one shape", error.Message);
    }

    [Fact]
    public void Non_string_values_and_non_objects_are_reported()
    {
        using var files = new DataFiles();
        Assert.Contains("\"text\" must be a string", Assert.Throws<DatasetException>(() => DatasetFileReader.Read(files.Write("a.jsonl", "{\"text\": 5}"))).Message);
        Assert.Contains("expected a JSON object", Assert.Throws<DatasetException>(() => DatasetFileReader.Read(files.Write("b.jsonl", "[1, 2]"))).Message);
    }

    [Fact]
    public void Unsupported_extension_is_rejected()
    {
        using var files = new DataFiles();
        var error = Assert.Throws<DatasetException>(() => DatasetFileReader.Read(files.Write("data.csv", "a,b")));
        Assert.Contains("use .txt", error.Message);
    }

    [Fact]
    public void Missing_file_is_reported()
    {
        var error = Assert.Throws<DatasetException>(() => DatasetFileReader.Read("/nonexistent/data.txt"));
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void Jsonl_shapes_are_recognised_and_blank_lines_skipped()
    {
        using var files = new DataFiles();
        var text = DatasetFileReader.Read(files.Write("t.jsonl", "{\"text\": \"one\"}\r\n\r\n{\"text\": \"two\", \"source\": \"x\"}\n"));
        var pairs = DatasetFileReader.Read(files.Write("p.jsonl", "{\"prompt\": \"\", \"completion\": \"a\"}\n{\"prompt\": \"q\", \"completion\": \"b\"}"));

        Assert.Equal(DatasetFormat.JsonlText, text.Format);
        Assert.Equal(["one", "two"], text.Records.Select(r => r.Text));
        Assert.Equal([1, 3], text.Records.Select(r => r.LineNumber));
        Assert.Equal(DatasetFormat.JsonlPromptCompletion, pairs.Format);
        Assert.Equal(["a", "b"], pairs.Records.Select(r => r.Completion));
    }

    [Fact]
    public void Plain_text_keeps_its_content_and_drops_a_byte_order_mark()
    {
        using var files = new DataFiles();
        var raw = DatasetFileReader.Read(files.WriteBytes("notes.txt", [0xEF, 0xBB, 0xBF, .. "héllo\nworld\n"u8]));
        Assert.Equal(DatasetFormat.PlainText, raw.Format);
        Assert.Equal("héllo\nworld\n", Assert.Single(raw.Records).Text);
    }
}
