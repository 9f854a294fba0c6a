using System.Text.RegularExpressions;
using StudyBot.Core.Commands;
using StudyBot.Core.Commands.Handlers;
using StudyBot.EndToEnd.Tests.Bot;
using StudyBot.FineTune;

namespace StudyBot.EndToEnd.Tests.Docs;

/// <summary>The README stays a true and complete reference: every setting, every slash command, the files it links.</summary>
public sealed partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));

    [Fact]
    public void The_configuration_reference_names_every_setting_of_every_options_class()
    {
        var missing = ConfigurationKeys.All().Where(key => !Readme.Contains($"`{key}`", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "README.md's configuration table lacks: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_options_classes_checked_are_all_there_are()
    {
        Assert.Equal(
            ConfigurationKeys.OptionsTypes.Select(t => t.FullName).Order(),
            ConfigurationKeys.TypesWithASectionName().Select(t => t.FullName).Order());
        Assert.Contains("Discord:Token", ConfigurationKeys.All());
        Assert.Contains("FineTune:ModelsDirectory", ConfigurationKeys.All());
    }

    [Fact]
    public void Every_slash_command_is_listed()
    {
        CommandDeclaration[] commands =
        [
            PaperCommandDeclaration.Create(), QueueCommandDeclaration.Create(), ClubCommandDeclaration.Create(),
            FineTuneCommandDeclaration.Create(), FineTuneCommandDeclaration.CreateGpu(),
        ];
        var paths = commands.SelectMany(c => LeafPaths(c.Name, c.Options)).ToList();

        Assert.Contains("/queue pin", paths);
        Assert.Contains("/club presenter signup", paths);
        Assert.Contains("/gpu", paths);
        var missing = paths.Where(p => !Readme.Contains($"`{p}", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "README.md does not list: " + string.Join(", ", missing));
    }

    [Fact]
    public void Screenshots_and_linked_files_exist()
    {
        Assert.Contains("](docs/playground.png)", Readme, StringComparison.Ordinal);
        Assert.Contains("](docs/playground-real-bot.png)", Readme, StringComparison.Ordinal);
        var links = RelativeLink().Matches(Readme).Select(m => m.Groups["path"].Value).Distinct().ToList();

        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.True(
            File.Exists(Path.Combine(RepositoryRoot.Path, link)) || Directory.Exists(Path.Combine(RepositoryRoot.Path, link)),
            $"README.md links to '{link}', which does not exist"));
    }

    [Fact]
    public void The_headline_picture_is_the_real_bot_and_every_picture_is_one_a_browser_test_takes()
    {
        var images = MarkdownImage().Matches(Readme).Select(m => m.Groups["path"].Value).ToList();
        var taken = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "tests"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => ScreenshotName().Matches(File.ReadAllText(f)).Select(m => "docs/" + m.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);

        // The first picture a reader sees is StudyBot itself, not the page's scripted stand-in (docs/playground.png).
        Assert.Equal("docs/playground-real-bot.png", images.FirstOrDefault());
        Assert.Contains("docs/playground-finetune.png", images);
        Assert.All(images, image => Assert.True(taken.Contains(image), $"README.md shows '{image}', which no test's Screenshots.PathFor takes"));
        Assert.Contains("docs/playground.png", taken);
    }

    [Fact]
    public void The_quick_start_commands_exist_and_the_cli_wrapper_needs_no_browser()
    {
        Assert.Contains("scripts/studybot run ", Readme, StringComparison.Ordinal);
        Assert.Contains("scripts/test ", Readme, StringComparison.Ordinal);
        Assert.Contains("scripts/studybot playground", Readme, StringComparison.Ordinal);
        Assert.Contains("STUDYBOT_UPDATE_SCREENSHOTS=1", Readme, StringComparison.Ordinal);
        var wrapper = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "scripts/studybot"));
        Assert.Contains("STUDYBOT_BOOTSTRAP_BROWSER=0 \"$root/scripts/bootstrap.sh\"", wrapper, StringComparison.Ordinal);
    }

    private static IEnumerable<string> LeafPaths(string prefix, IReadOnlyList<CommandOptionDeclaration>? options)
    {
        var subcommands = (options ?? []).Where(o => o.IsSubcommandOrGroup).ToList();
        return subcommands.Count == 0
            ? ["/" + prefix]
            : subcommands.SelectMany(s => LeafPaths($"{prefix} {s.Name}", s.Options));
    }

    /// <summary>Markdown images: ![alt](path).</summary>
    [GeneratedRegex(@"!\[[^\]]*\]\((?<path>[^)\s]+)\)")]
    private static partial Regex MarkdownImage();

    /// <summary>A browser test's screenshot: Screenshots.PathFor("name.png").</summary>
    [GeneratedRegex(@"Screenshots\.PathFor\(""(?<name>[\w.-]+\.png)""\)")]
    private static partial Regex ScreenshotName();

    /// <summary>Markdown links and images to files in the repository: ](path) not starting with a scheme or #.</summary>
    [GeneratedRegex(@"\]\((?<path>(?![a-z]+:|#)[^)\s#]+)(#[^)]*)?\)")]
    private static partial Regex RelativeLink();
}
