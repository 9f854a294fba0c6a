using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StudyBot.Tests.Cli;

/// <summary><c>studybot papers …</c> through the real verb table on the repository's own notes.</summary>
public sealed partial class PapersVerbTests : IDisposable
{
    private const string Gpt2Pdf = "https://cdn.openai.com/better-language-models/language_models_are_unsupervised_multitask_learners.pdf";

    private readonly string _scratch = Directory.CreateTempSubdirectory("studybot-papers-cli-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    [Fact]
    public async Task List_json_holds_at_least_twelve_papers_with_the_five_key_ones_and_gpt2s_openai_pdf()
    {
        var run = await PapersCli.RunAsync("papers", "list", "--json", "--papers", PapersCli.PapersDirectory);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Error);
        var papers = JsonNode.Parse(run.Output)!.AsArray().Select(p => p!.AsObject()).ToList();
        Assert.True(papers.Count >= 12, $"only {papers.Count} papers");
        var ids = papers.Select(p => p["id"]!.GetValue<string>()).ToList();
        Assert.Subset(ids.ToHashSet(), new HashSet<string> { "1706.03762", "2106.09685", "2010.11929", "1711.05101", "gpt-2" });
        var gpt2 = Assert.Single(papers, p => p["slug"]!.GetValue<string>() == "gpt-2");
        Assert.Equal(Gpt2Pdf, gpt2["url"]!.GetValue<string>());
        Assert.Equal(2019, gpt2["year"]!.GetValue<int>());
        Assert.Contains("transformer", gpt2["prerequisites"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.All(papers, p => Assert.True(p["estimated_minutes"]!.GetValue<int>() > 0, p.ToJsonString()));
    }

    [Fact]
    public async Task List_as_text_shows_one_line_per_paper_and_the_count()
    {
        var run = await PapersCli.RunAsync("papers", "list", "--papers", PapersCli.PapersDirectory);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.TrimEnd().Split('\n');
        var count = await PaperCountAsync();
        Assert.Equal($"{count} papers", lines[^1]);
        Assert.Equal(count, lines.Length - 1);
        Assert.Contains(lines, l => l.StartsWith("lora ", StringComparison.Ordinal) && l.Contains("2106.09685", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Path_lists_every_paper_once_and_each_after_its_prerequisites()
    {
        var prerequisites = await PrerequisitesAsync();

        var run = await PapersCli.RunAsync("papers", "path", "--papers", PapersCli.PapersDirectory);

        Assert.True(run.ExitCode == 0, run.ToString());
        var order = run.Output.TrimEnd().Split('\n').Select(line => PathLine().Match(line)).Select(m =>
        {
            Assert.True(m.Success, $"unexpected line in: {run.Output}");
            return m.Groups["slug"].Value;
        }).ToList();
        Assert.Equal(prerequisites.Keys.Order(StringComparer.Ordinal), order.Order(StringComparer.Ordinal));
        AssertPrerequisitesFirst(order, prerequisites);
    }

    [Fact]
    public async Task Path_to_one_paper_ends_with_it_and_holds_only_what_it_builds_on()
    {
        var prerequisites = await PrerequisitesAsync();

        var run = await PapersCli.RunAsync("papers", "path", "lora", "--json", "--papers", PapersCli.PapersDirectory);

        Assert.True(run.ExitCode == 0, run.ToString());
        var order = JsonNode.Parse(run.Output)!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        Assert.Equal("lora", order[^1]);
        Assert.Contains("transformer", order);
        Assert.Contains("gpt-2", order);
        Assert.DoesNotContain("vit", order);
        AssertPrerequisitesFirst(order, prerequisites);
    }

    [Theory]
    [InlineData("--json")]
    [InlineData("resnet")]
    public async Task Path_refuses_a_library_with_a_prerequisite_cycle_naming_its_files(string extra)
    {
        File.Copy(Path.Combine(PapersCli.PapersDirectory, "resnet.md"), Path.Combine(_scratch, "resnet.md"));
        File.Copy(Path.Combine(PapersCli.PapersDirectory, "adamw.md"), Path.Combine(_scratch, "adamw.md"));
        var adam = File.ReadAllText(Path.Combine(PapersCli.PapersDirectory, "adam.md"));
        Assert.Contains("prerequisites: []\n", adam, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_scratch, "adam.md"), adam.Replace("prerequisites: []\n", "prerequisites: [adamw]\n", StringComparison.Ordinal));

        var run = await PapersCli.RunAsync("papers", "path", extra, "--papers", _scratch);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(string.Empty, run.Output);
        Assert.Contains("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("prerequisite cycle", run.Error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_scratch, "adam.md"), run.Error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_scratch, "adamw.md"), run.Error, StringComparison.Ordinal);
        Assert.Contains("No reading path", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_lora_prints_its_card_and_the_whole_note_with_the_finetune_exercise()
    {
        var run = await PapersCli.RunAsync("papers", "show", "lora", "--papers", PapersCli.PapersDirectory);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("# LoRA: Low-Rank Adaptation of Large Language Models\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("arXiv: 2106.09685", run.Output, StringComparison.Ordinal);
        Assert.Contains("Prerequisites: `transformer`, `gpt-2`", run.Output, StringComparison.Ordinal);
        Assert.Contains("Discussion questions", run.Output, StringComparison.Ordinal);
        Assert.Contains("/finetune", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_finds_a_paper_by_its_arxiv_id()
    {
        var run = await PapersCli.RunAsync("papers", "show", "1706.03762", "--papers", PapersCli.PapersDirectory);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("# Attention Is All You Need\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_passes_on_the_repository_notes()
    {
        var run = await PapersCli.RunAsync("papers", "check", "--papers", PapersCli.PapersDirectory);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"{await PaperCountAsync()} papers loaded, 0 problems", run.Output.Trim());
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task Check_fails_on_a_broken_note_and_names_its_file_while_the_others_still_load()
    {
        File.Copy(Path.Combine(PapersCli.PapersDirectory, "adam.md"), Path.Combine(_scratch, "adam.md"));
        File.WriteAllText(Path.Combine(_scratch, "broken.md"), "---\nslug: broken\ntitle: [unclosed\n---\n\n## Summary\nText.\n");

        var run = await PapersCli.RunAsync("papers", "check", "--papers", _scratch);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("1 papers loaded, 1 problems", run.Output.Trim());
        Assert.Contains("broken.md", run.Error, StringComparison.Ordinal);
        Assert.StartsWith("warning: ", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("list")]
    [InlineData("list --json")]
    [InlineData("show lora")]
    [InlineData("path")]
    [InlineData("check")]
    public async Task A_papers_folder_that_does_not_exist_fails_every_verb_with_exit_1_naming_the_folder(string verbAndArguments)
    {
        var missing = Path.Combine(_scratch, "no-such-folder");
        var args = verbAndArguments.Split(' ');

        var run = await PapersCli.RunAsync(["papers", .. args, "--papers", missing]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"studybot papers {args[0]}: the papers folder '{missing}' does not exist.", run.Error, StringComparison.Ordinal);
        Assert.Contains("--papers DIR", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public async Task Papers_without_a_subcommand_lists_the_subcommands_and_exits_2()
    {
        var run = await PapersCli.RunAsync("papers");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("studybot papers: missing subcommand.", run.Error, StringComparison.Ordinal);
        Assert.Contains("usage: studybot papers <subcommand> [options]", run.Error, StringComparison.Ordinal);
        foreach (var subcommand in new[] { "papers list", "papers show", "papers path", "papers check" })
        {
            Assert.Contains($"  {subcommand}", run.Error, StringComparison.Ordinal);
        }

        Assert.Equal(string.Empty, run.Output);
    }

    [Theory]
    [InlineData("papers --help")]
    [InlineData("papers -h")]
    [InlineData("papers help")]
    public async Task Papers_help_lists_each_subcommand_with_its_summary_and_exits_0(string commandLine)
    {
        var run = await PapersCli.RunAsync(commandLine.Split(' '));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("usage: studybot papers <subcommand> [options]", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  papers list\s+List the papers of the library", run.Output);
        Assert.Matches(@"(?m)^  papers show\s+Show one paper's note", run.Output);
        Assert.Matches(@"(?m)^  papers path\s+Print a reading order", run.Output);
        Assert.Matches(@"(?m)^  papers check\s+Check every note", run.Output);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task An_unknown_papers_subcommand_names_it_and_lists_the_real_ones()
    {
        var run = await PapersCli.RunAsync("papers", "lsit");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("studybot papers: unknown subcommand 'lsit'.", run.Error, StringComparison.Ordinal);
        Assert.Contains("  papers list", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("show")]
    [InlineData("path")]
    public async Task Unknown_paper_exits_1_with_a_message(string verb)
    {
        var run = await PapersCli.RunAsync("papers", verb, "no-such-paper", "--papers", PapersCli.PapersDirectory);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("No paper 'no-such-paper' in the library.", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public async Task Unknown_paper_close_to_a_title_gets_a_suggestion()
    {
        var run = await PapersCli.RunAsync("papers", "show", "attention", "--papers", PapersCli.PapersDirectory);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Did you mean:", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("papers show", "Missing <slug|arxiv-id>.")]
    [InlineData("papers show lora extra", "Unexpected argument 'extra'.")]
    [InlineData("papers list --bogus", "Unknown option: --bogus.")]
    [InlineData("papers list stray", "Unexpected argument 'stray'.")]
    [InlineData("papers path lora gpt-2", "Unexpected argument 'gpt-2'.")]
    [InlineData("papers check --json", "Unknown option: --json.")]
    [InlineData("papers list --papers", "--papers needs a value.")]
    public async Task Bad_arguments_print_the_reason_and_usage_and_exit_2(string commandLine, string reason)
    {
        var args = commandLine.Split(' ');
        if (args[^1] != "--papers")
        {
            args = [.. args, "--papers", PapersCli.PapersDirectory];
        }

        var run = await PapersCli.RunAsync(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"studybot {args[0]} {args[1]}: {reason}", run.Error, StringComparison.Ordinal);
        Assert.Contains($"usage: studybot {args[0]} {args[1]} ", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public async Task Help_prints_the_usage_and_exits_0()
    {
        var run = await PapersCli.RunAsync("papers", "path", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("usage: studybot papers path [<slug>] [--json] [--papers DIR]", run.Output, StringComparison.Ordinal);
    }

    private static async Task<int> PaperCountAsync() => (await PrerequisitesAsync()).Count;

    /// <summary>Slug → prerequisites, as <c>papers list --json</c> reports them.</summary>
    private static async Task<Dictionary<string, string[]>> PrerequisitesAsync()
    {
        var run = await PapersCli.RunAsync("papers", "list", "--json", "--papers", PapersCli.PapersDirectory);
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonNode.Parse(run.Output)!.AsArray().ToDictionary(
            p => p!["slug"]!.GetValue<string>(),
            p => p!["prerequisites"]!.AsArray().Select(s => s!.GetValue<string>()).ToArray(),
            StringComparer.Ordinal);
    }

    private static void AssertPrerequisitesFirst(IReadOnlyList<string> order, Dictionary<string, string[]> prerequisites)
    {
        Assert.Equal(order.Count, order.Distinct(StringComparer.Ordinal).Count());
        var position = order.Select((slug, i) => (slug, i)).ToDictionary(x => x.slug, x => x.i, StringComparer.Ordinal);
        foreach (var slug in order)
        {
            foreach (var prerequisite in prerequisites[slug])
            {
                Assert.True(position.TryGetValue(prerequisite, out var before) && before < position[slug], $"{prerequisite} must come before {slug}: {string.Join(", ", order)}");
            }
        }
    }

    [GeneratedRegex(@"^\s*\d+\. (?<slug>[a-z0-9-]+) — .+ \(\d{4}\)(  \(after .+\))?$")]
    private static partial Regex PathLine();
}
