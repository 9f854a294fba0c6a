namespace StudyBot.Discord.Rest;

/// <summary>
/// One component of any type (action row, button, select, text input, label). Discord's component JSON is
/// polymorphic by <c>type</c>; a single record with optional fields serialises to exactly the documented shapes
/// because unset fields are omitted. Use the factory methods for the common shapes.
/// </summary>
public sealed record MessageComponent
{
    public required ComponentType Type { get; init; }
    public string? CustomId { get; init; }
    /// <summary>Button style (<see cref="ButtonStyle"/>) or text-input style (1 short, 2 paragraph).</summary>
    public int? Style { get; init; }
    public string? Label { get; init; }
    public string? Url { get; init; }
    public bool? Disabled { get; init; }
    public string? Placeholder { get; init; }
    public int? MinValues { get; init; }
    public int? MaxValues { get; init; }
    public IReadOnlyList<SelectOption>? Options { get; init; }
    public IReadOnlyList<MessageComponent>? Components { get; init; }

    /// <summary>The wrapped input of a Label (type 18).</summary>
    public MessageComponent? Component { get; init; }

    public string? Description { get; init; }
    public string? Content { get; init; }
    public string? Value { get; init; }
    public bool? Required { get; init; }
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }

    public static MessageComponent ActionRow(params MessageComponent[] components) =>
        new() { Type = ComponentType.ActionRow, Components = components };

    public static MessageComponent Button(string customId, string label, ButtonStyle style = ButtonStyle.Primary, bool disabled = false) =>
        new() { Type = ComponentType.Button, CustomId = customId, Label = label, Style = (int)style, Disabled = disabled ? true : null };

    public static MessageComponent LinkButton(string url, string label) =>
        new() { Type = ComponentType.Button, Url = url, Label = label, Style = (int)ButtonStyle.Link };

    public static MessageComponent StringSelect(string customId, IReadOnlyList<SelectOption> options, string? placeholder = null, int? minValues = null, int? maxValues = null) =>
        new() { Type = ComponentType.StringSelect, CustomId = customId, Options = options, Placeholder = placeholder, MinValues = minValues, MaxValues = maxValues };

    /// <summary>A text input (style 1 short, 2 paragraph) wrapped in a Label, the current modal layout.</summary>
    public static MessageComponent LabeledTextInput(string customId, string label, bool paragraph = false, bool required = true, string? value = null, int? maxLength = null, string? description = null) =>
        new()
        {
            Type = ComponentType.Label,
            Label = label,
            Description = description,
            Component = new MessageComponent
            {
                Type = ComponentType.TextInput,
                CustomId = customId,
                Style = paragraph ? 2 : 1,
                Required = required,
                Value = value,
                MaxLength = maxLength,
            },
        };
}
