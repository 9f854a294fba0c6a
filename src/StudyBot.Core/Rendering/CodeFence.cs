namespace StudyBot.Core.Rendering;

/// <summary>An open fenced code block, as the splitter needs to close it ("```") and reopen it ("```python").</summary>
internal sealed record CodeFence(string Opener, string Closer)
{
    /// <summary>Characters a chunk spends on closing the fence: a newline and the closer.</summary>
    public int Overhead => 1 + Closer.Length;
}
