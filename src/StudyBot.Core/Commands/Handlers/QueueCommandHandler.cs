using StudyBot.Core.Members;
using StudyBot.Core.Papers;
using StudyBot.Core.Queue;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>/queue: the server's reading queue. Parses, calls <see cref="ReadingQueueService"/>, renders.</summary>
public sealed class QueueCommandHandler(ReadingQueueService queue, IPaperCatalog catalog) : ICommandHandler
{
    public CommandDeclaration Declaration { get; } = QueueCommandDeclaration.Create();

    public async Task<CommandResponse> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var guildId = request.RequireGuild();
        var member = request.Member.ToClubMember();
        switch (request.Subcommand)
        {
            case "add":
                var added = await queue.AddAsync(guildId, member, request.GetString("paper"), cancellationToken);
                var pending = added.MetadataPending ? $"\n_Title and authors are pending ({added.PendingReason}); it is queued by its id._" : string.Empty;
                return CommandResponse.Text($"Added **{added.Title}** to the reading queue. Vote for it with `/queue vote`.{pending}");
            case "list":
                return await ListAsync(guildId, cancellationToken);
            case "vote":
                var paper = await queue.ResolveQueuedAsync(guildId, request.GetString("paper"), cancellationToken);
                var voted = await queue.VoteAsync(guildId, member, paper.PaperKey, cancellationToken);
                return CommandResponse.Text($"Voted for **{paper.Title}**: now {Votes(voted.Votes)}.", ephemeral: true);
            case "unvote":
                var unvotePaper = await queue.ResolveQueuedAsync(guildId, request.GetString("paper"), cancellationToken);
                var unvoted = await queue.UnvoteAsync(guildId, member, unvotePaper.PaperKey, cancellationToken);
                return CommandResponse.Text($"Took back your vote for **{unvotePaper.Title}**: now {Votes(unvoted.Votes)}.", ephemeral: true);
            case "remove":
                var removed = await queue.RemoveAsync(guildId, member, request.GetString("paper"), cancellationToken);
                return CommandResponse.Text($"Removed **{removed.Title}** from the reading queue.");
            case "move":
                var moving = await queue.ResolveQueuedAsync(guildId, request.GetString("paper"), cancellationToken);
                var requested = (int)request.GetInt64("position");
                var position = await queue.MoveAsync(guildId, member, moving.PaperKey, requested, cancellationToken);
                var clamped = position != requested ? $" (position {requested} is past the pinned papers, so it went to {position})" : string.Empty;
                return CommandResponse.Text($"Moved **{moving.Title}** to position {position} and pinned it there{clamped}. `/queue unpin` returns it to vote order.");
            case "pin":
                var pinning = await queue.ResolveQueuedAsync(guildId, request.GetString("paper"), cancellationToken);
                var pinnedAt = await queue.PinAsync(guildId, member, pinning.PaperKey, cancellationToken);
                return CommandResponse.Text($"Pinned **{pinning.Title}** at position {pinnedAt}.");
            case "unpin":
                var unpinned = await queue.UnpinAsync(guildId, member, request.GetString("paper"), cancellationToken);
                return CommandResponse.Text($"Unpinned **{unpinned.Title}**; it is ordered by votes again.");
            default:
                throw new CommandInputException($"`/queue {request.Subcommand}` is not a queue command.");
        }
    }

    public async Task<IReadOnlyList<CommandChoice>> AutocompleteAsync(AutocompleteRequest request, CancellationToken cancellationToken)
    {
        if (request.FocusedOption != "paper")
        {
            return [];
        }

        var partial = request.PartialValue.Trim();
        if (request.Subcommand == "add")
        {
            var choices = catalog.Search(partial, CommandResponseLimits.MaxChoices)
                .Select(n => new CommandChoice($"{n.Title} ({n.Year})", n.Id))
                .ToList();
            if (ArxivId.TryParse(partial, out var parsed) && parsed.Value is var arxivId && choices.All(c => !Equals(c.Value, arxivId)))
            {
                choices.Insert(0, new CommandChoice($"arXiv {arxivId}", arxivId));
            }

            return choices;
        }

        if (request.GuildId is not { } guildId)
        {
            return [];
        }

        var queued = await queue.ListAsync(guildId, cancellationToken);
        return queued
            .Where(p => partial.Length == 0
                || p.Title.Contains(partial, StringComparison.OrdinalIgnoreCase)
                || p.PaperKey.Contains(partial, StringComparison.OrdinalIgnoreCase)
                || (p.Slug?.Contains(partial, StringComparison.OrdinalIgnoreCase) ?? false))
            .Take(CommandResponseLimits.MaxChoices)
            .Select(p => new CommandChoice($"{p.Title} ({Votes(p.Votes)})", p.PaperKey))
            .ToList();
    }

    private async Task<CommandResponse> ListAsync(ulong guildId, CancellationToken cancellationToken)
    {
        var papers = await queue.ListAsync(guildId, cancellationToken);
        if (papers.Count == 0)
        {
            return CommandResponse.Text("The reading queue is empty. Add a paper with `/queue add`.");
        }

        var lines = papers.Select((p, i) =>
            $"{i + 1}. {(p.IsPinned ? "📌 " : string.Empty)}**{p.Title}** — {Votes(p.Votes)} · proposed by {MemberMention.Of(p.ProposedBy)} · `{p.PaperKey}`{(p.MetadataPending ? " · metadata pending" : string.Empty)}")
            .ToList();
        var embed = new ResponseEmbed(
            Title: "Reading queue",
            Description: TextLimits.JoinLines(lines, CommandResponseLimits.MaxEmbedDescriptionLength),
            Footer: "Pinned papers first, then most votes, then oldest. The top paper is picked before each session.");
        return new CommandResponse { Embeds = [embed] };
    }

    private static string Votes(int count) => count == 1 ? "1 vote" : $"{count} votes";
}
