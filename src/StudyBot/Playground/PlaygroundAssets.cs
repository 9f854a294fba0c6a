using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace StudyBot.Playground;

/// <summary>Serves the page's HTML, CSS and JS, embedded in the executable (logical names <c>Playground/wwwroot/…</c>),
/// so the playground needs no files beside the binary and no front-end build.</summary>
internal static class PlaygroundAssets
{
    private const string Prefix = "Playground/wwwroot/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        var assembly = typeof(PlaygroundAssets).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(n => n[Prefix.Length..], n => n, StringComparer.Ordinal);
        if (!files.TryGetValue("index.html", out var index))
        {
            throw new InvalidOperationException("The playground page is missing from the executable (embedded resource Playground/wwwroot/index.html).");
        }
        app.MapGet("/", ctx => ServeAsync(ctx, assembly, index, "index.html"));
        app.MapGet("/{file}", async ctx =>
        {
            var name = ctx.GetRouteValue("file") as string ?? "";
            if (!files.TryGetValue(name, out var resource))
            {
                ctx.Response.StatusCode = 404;
                return;
            }
            await ServeAsync(ctx, assembly, resource, name);
        });
    }

    private static async Task ServeAsync(HttpContext ctx, Assembly assembly, string resource, string name)
    {
        await using var stream = assembly.GetManifestResourceStream(resource)!;
        ctx.Response.ContentType = ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
        ctx.Response.Headers.CacheControl = "no-cache";
        await stream.CopyToAsync(ctx.Response.Body, ctx.RequestAborted);
    }
}
