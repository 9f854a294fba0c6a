namespace StudyBot.Core.Commands;

/// <summary>A leaf option a member supplied. <paramref name="Value"/> is a <see cref="string"/> (String),
/// <see cref="long"/> (Integer), <see cref="bool"/> (Boolean), <see cref="double"/> (Number), <see cref="ulong"/>
/// (User, Channel, Role, Mentionable) or <see cref="CommandAttachment"/> (Attachment).</summary>
public sealed record CommandOptionValue(string Name, CommandOptionType Type, object Value);
