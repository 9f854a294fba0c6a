using System.Reflection;
using StudyBot.Core.FineTune;
using StudyBot.Discord;
using StudyBot.Hosting;
using StudyBot.Scheduling;
using StudyBot.Storage.Arxiv;

namespace StudyBot.EndToEnd.Tests.Docs;

/// <summary>Every configuration setting the bot binds, as <c>Section:Key</c>, read from the options types.</summary>
internal static class ConfigurationKeys
{
    /// <summary>The options classes bound to a configuration section (each has a <c>SectionName</c> constant).</summary>
    public static IReadOnlyList<Type> OptionsTypes { get; } =
    [
        typeof(DiscordOptions),
        typeof(StorageOptions),
        typeof(PapersOptions),
        typeof(HealthOptions),
        typeof(ArxivClientOptions),
        typeof(ClubSchedulingOptions),
        typeof(FineTuneOptions),
    ];

    /// <summary>Types in the bot's assemblies that declare a <c>SectionName</c> constant, to notice a new options class.</summary>
    public static IEnumerable<Type> TypesWithASectionName() =>
        new[] { typeof(BotHost), typeof(DiscordOptions), typeof(ArxivClientOptions), typeof(FineTuneOptions) }
            .Select(t => t.Assembly)
            .Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => SectionField(t) is not null);

    public static string SectionOf(Type options) =>
        (string)SectionField(options)!.GetRawConstantValue()!;

    /// <summary>"Discord:Token", "FineTune:MaxSteps", ... for every public settable property.</summary>
    public static IEnumerable<string> All() => OptionsTypes.SelectMany(type => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.SetMethod?.IsPublic == true)
        .Select(p => $"{SectionOf(type)}:{p.Name}"));

    private static FieldInfo? SectionField(Type type) =>
        type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field ? field : null;
}
