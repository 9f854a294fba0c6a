using System.Text;

namespace StudyBot.EndToEnd.Tests.Playground;

/// <summary>A thread-safe <see cref="TextWriter"/> that keeps what a verb printed, so a test can wait for a line.</summary>
internal sealed class ConsoleCapture : TextWriter
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    public override void Write(char value)
    {
        lock (_text)
        {
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_text)
        {
            _text.Append(value);
        }
    }

    /// <summary>Waits until a printed line starts with <paramref name="prefix"/> and returns the rest of it.</summary>
    public async Task<string> WaitForLineAsync(string prefix, Task running, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        while (true)
        {
            var line = Text.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            if (line is not null)
            {
                return line[prefix.Length..].Trim();
            }

            Assert.False(running.IsCompleted, $"The verb ended before printing '{prefix}':\n{Text}");
            await Task.Delay(50, timeout.Token);
        }
    }
}
