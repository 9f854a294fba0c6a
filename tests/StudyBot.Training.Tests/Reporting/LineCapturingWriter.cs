using System.Text;

namespace StudyBot.Training.Tests.Reporting;

/// <summary>A stdout stand-in that keeps each written line and lets a test react to one as it arrives.</summary>
internal sealed class LineCapturingWriter(Action<string>? onLine = null) : TextWriter
{
    private readonly StringBuilder _current = new();

    public List<string> Lines { get; } = [];

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            var line = _current.ToString();
            _current.Clear();
            Lines.Add(line);
            onLine?.Invoke(line);
        }
        else if (value != '\r')
        {
            _current.Append(value);
        }
    }
}
