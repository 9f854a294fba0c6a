namespace StudyBot.Core.Commands;

/// <summary>Discord's text input styles, same numbers.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Names mirror Discord's documented text input styles.")]
public enum TextInputStyle
{
    Short = 1,
    Paragraph = 2,
}
