using System.Globalization;
using StudyBot.Core.Papers;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>/paper: library look-ups. Sections are taken from the note's Markdown as written (Discord renders the
/// common Markdown subset); long text is cut at line boundaries within Discord's limits.</summary>
public sealed class PaperCommandHandler(IPaperCatalog catalog) : ICommandHandler
{
    private const int PaperColor = 0x5865F2;

    public CommandDeclaration Declaration { get; } = PaperCommandDeclaration.Create();

    public Task<CommandResponse> HandleAsync(CommandRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(request.Subcommand switch
        {
            "info" => Info(FindPaper(request.GetString("paper"))),
            "questions" => Questions(FindPaper(request.GetString("paper"))),
            "path" => PathTo(request.GetOptionalString("paper")),
            "search" => Search(request.GetString("query")),
            _ => throw new CommandInputException($"`/paper {request.Subcommand}` is not a paper command."),
        });

    public Task<IReadOnlyList<CommandChoice>> AutocompleteAsync(AutocompleteRequest request, CancellationToken cancellationToken)
    {
        IReadOnlyList<CommandChoice> choices = request.FocusedOption != "paper"
            ? []
            : Matching(request.PartialValue).Select(n => new CommandChoice($"{n.Title} ({n.Year})", n.Slug)).ToList();
        return Task.FromResult(choices);
    }

    private IEnumerable<PaperNote> Matching(string partial) =>
        string.IsNullOrWhiteSpace(partial)
            ? catalog.All.Take(CommandResponseLimits.MaxChoices).ToList()
            : catalog.Search(partial.Trim(), CommandResponseLimits.MaxChoices);

    private PaperNote FindPaper(string input)
    {
        var found = catalog.Find(input.Trim());
        if (found is not null)
        {
            return found;
        }

        var matches = catalog.Search(input.Trim(), 1);
        return matches.Count > 0 ? matches[0] : throw new CommandInputException($"No paper in the library matches `{input}`. Try `/paper search`.");
    }

    private static CommandResponse Info(PaperNote note)
    {
        var summary = NoteSections.Find(note.Body, "Summary") ?? "_This note has no summary yet._";
        var fields = new List<EmbedField>
        {
            new("Authors", TextLimits.Fit(string.Join(", ", note.Authors), 1024)),
            new("Year", note.Year.ToString(CultureInfo.InvariantCulture), Inline: true),
            new("Difficulty", note.Difficulty.ToString(), Inline: true),
            new("Reading time", $"~{note.EstimatedMinutes} min", Inline: true),
        };
        if (note.Tags.Count > 0)
        {
            fields.Add(new EmbedField("Tags", TextLimits.Fit(string.Join(", ", note.Tags), 1024)));
        }

        if (note.Prerequisites.Count > 0)
        {
            fields.Add(new EmbedField("Read first", TextLimits.Fit(string.Join(", ", note.Prerequisites), 1024)));
        }

        var embed = new ResponseEmbed(
            Title: TextLimits.Fit(note.Title, 256),
            Description: TextLimits.Fit(summary, CommandResponseLimits.MaxEmbedDescriptionLength),
            Url: string.IsNullOrWhiteSpace(note.Url) ? null : note.Url,
            Fields: fields,
            Footer: $"{note.Slug} · {note.Id}",
            Color: PaperColor);
        return new CommandResponse { Embeds = [embed] };
    }

    private static CommandResponse Questions(PaperNote note)
    {
        var questions = NoteSections.Find(note.Body, "Discussion questions")
            ?? throw new CommandInputException($"**{note.Title}** has no discussion questions yet.");
        var embed = new ResponseEmbed(
            Title: TextLimits.Fit($"Discussion questions: {note.Title}", 256),
            Description: TextLimits.Fit(questions, CommandResponseLimits.MaxEmbedDescriptionLength),
            Url: string.IsNullOrWhiteSpace(note.Url) ? null : note.Url,
            Color: PaperColor);
        return new CommandResponse { Embeds = [embed] };
    }

    private CommandResponse PathTo(string? target)
    {
        string? slug = null;
        if (!string.IsNullOrWhiteSpace(target))
        {
            slug = (catalog.Find(target.Trim()) ?? throw new CommandInputException($"No paper in the library matches `{target}`.")).Slug;
        }

        var path = catalog.ReadingPath(slug);
        if (path.Count == 0)
        {
            return CommandResponse.Text("The paper library is empty.", ephemeral: true);
        }

        var lines = path.Select((n, i) => $"{i + 1}. **{n.Title}** ({n.Year}) — `{n.Slug}`").ToList();
        var embed = new ResponseEmbed(
            Title: slug is null ? "Reading path through the library" : $"Reading path to {TextLimits.Fit(path[^1].Title, 200)}",
            Description: TextLimits.JoinLines(lines, CommandResponseLimits.MaxEmbedDescriptionLength),
            Footer: "Every paper comes after the papers it builds on.",
            Color: PaperColor);
        return new CommandResponse { Embeds = [embed] };
    }

    private CommandResponse Search(string query)
    {
        var found = catalog.Search(query.Trim(), 10);
        if (found.Count == 0)
        {
            return CommandResponse.Text($"No library paper matches `{query}`. Papers outside the library can still be queued by arXiv id with `/queue add`.", ephemeral: true);
        }

        var lines = found.Select(n => $"• **{n.Title}** ({n.Year}) — `{n.Slug}` · {string.Join(", ", n.Tags)}").ToList();
        return new CommandResponse
        {
            Embeds = [new ResponseEmbed(Title: $"Papers matching “{TextLimits.Fit(query, 100)}”", Description: TextLimits.JoinLines(lines, CommandResponseLimits.MaxEmbedDescriptionLength), Color: PaperColor)],
            Ephemeral = true,
        };
    }
}
