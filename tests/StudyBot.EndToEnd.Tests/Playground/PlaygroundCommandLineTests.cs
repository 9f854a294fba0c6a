using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StudyBot.Cli;
using StudyBot.EndToEnd.Tests.Bot;
using StudyBot.Hosting;

namespace StudyBot.EndToEnd.Tests.Playground;

/// <summary>The README's first command, <c>scripts/studybot run</c> without a token, through the real command line:
/// it starts the playground, prints a URL that answers, and stores its data where <c>--data</c> says.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class PlaygroundCommandLineTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static string[] Quiet =>
    [
        $"--Papers:Directory={RepositoryRoot.PapersDirectory}",
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Microsoft=Warning",
    ];

    [Fact]
    public async Task Run_without_a_token_starts_the_playground_whose_page_answers_and_stops_on_cancel()
    {
        var data = Directory.CreateTempSubdirectory("studybot-run-").FullName;
        try
        {
            // An empty token on the command line stands for "no token", whatever this machine's environment holds.
            var (exit, output, error) = await RunUntilConnectedAsync(
                ["run", "--port", "0", "--data", data, "--Discord:Token=", .. Quiet],
                async url =>
                {
                    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
                    Assert.Contains("StudyBot playground", await http.GetStringAsync(url));
                    var state = (await http.GetFromJsonAsync<JsonObject>(new Uri(url, "api/state")))!;
                    Assert.True(state["bot"]!["online"]!.GetValue<bool>());
                    Assert.Contains("paper", state["commands"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
                });

            Assert.Equal(0, exit);
            Assert.Contains("No Discord token configured", error);
            Assert.Contains("Bot connected.", output);
            Assert.True(File.Exists(Path.Combine(data, "playground.db")), "the LiteDB file is created under --data");
        }
        finally
        {
            DeleteQuietly(data);
        }
    }

    [Fact]
    public async Task Playground_ignores_a_real_discord_token_guild_and_urls_in_the_environment()
    {
        string[] names = ["Discord__Token", "Discord__GuildId", "Discord__ApiBaseUrl", "Discord__GatewayUrlOverride", "Discord__Mode"];
        var saved = names.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        var data = Directory.CreateTempSubdirectory("studybot-playground-").FullName;
        try
        {
            // What a user with a real bot configured has in the shell; none of it may reach (or leave for) anywhere.
            Environment.SetEnvironmentVariable("Discord__Token", "MTIzNDU2Nzg5MDEyMzQ1Njc4.real.token");
            Environment.SetEnvironmentVariable("Discord__GuildId", "123456789012345678");
            Environment.SetEnvironmentVariable("Discord__ApiBaseUrl", "http://127.0.0.1:9/api/v10");
            Environment.SetEnvironmentVariable("Discord__GatewayUrlOverride", "ws://127.0.0.1:9/");
            Environment.SetEnvironmentVariable("Discord__Mode", "Http");

            var (exit, output, _) = await RunUntilConnectedAsync(
                ["playground", "--port", "0", "--data", data, .. Quiet],
                async url =>
                {
                    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
                    var state = (await http.GetFromJsonAsync<JsonObject>(new Uri(url, "api/state")))!;
                    Assert.True(state["bot"]!["online"]!.GetValue<bool>());
                    Assert.NotEmpty(state["commands"]!.AsArray());
                });

            Assert.Equal(0, exit);
            Assert.DoesNotContain("real.token", output);
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
            DeleteQuietly(data);
        }
    }

    [Fact]
    public async Task Playground_with_an_invalid_setting_names_it_and_exits_non_zero_without_a_stack_trace()
    {
        var data = Directory.CreateTempSubdirectory("studybot-playground-").FullName;
        try
        {
            var playground = new PlaygroundVerb();
            using var output = new ConsoleCapture();
            using var error = new ConsoleCapture();

            var exit = await Task.Run(() => new CliVerbTable { playground }.RunAsync(
                ["playground", "--port", "0", "--data", data, "--FineTune:MaxSteps=0", .. Quiet], new CliConsole(output, error), CancellationToken.None))
                .WaitAsync(Patience);

            Assert.Equal(1, exit);
            Assert.Contains("invalid configuration", error.Text);
            Assert.Contains("MaxSteps", error.Text);
            Assert.DoesNotContain("   at ", error.Text);
            Assert.DoesNotContain("Bot connected.", output.Text);
        }
        finally
        {
            DeleteQuietly(data);
        }
    }

    [Fact]
    public async Task Command_line_overrides_beat_the_environment()
    {
        var saved = Environment.GetEnvironmentVariable("Storage__DatabasePath");
        try
        {
            Environment.SetEnvironmentVariable("Storage__DatabasePath", "/from/environment.db");

            await using var app = BotHost.Build(["--Storage:DatabasePath=/from/command-line.db"]);
            await using var plain = BotHost.Build([]);

            Assert.Equal("/from/command-line.db", app.Configuration["Storage:DatabasePath"]);
            Assert.Equal("/from/environment.db", plain.Configuration["Storage:DatabasePath"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Storage__DatabasePath", saved);
        }
    }

    /// <summary>Runs the CLI until the bot is connected, hands the printed page URL to <paramref name="check"/>, then
    /// cancels (Ctrl+C) and returns the exit code and what was printed.</summary>
    private static async Task<(int Exit, string Output, string Error)> RunUntilConnectedAsync(string[] args, Func<Uri, Task> check)
    {
        var playground = new PlaygroundVerb();
        var cli = new CliVerbTable { new RunVerb(playground), playground };
        using var output = new ConsoleCapture();
        using var error = new ConsoleCapture();
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => cli.RunAsync(args, new CliConsole(output, error), stop.Token));
        try
        {
            var url = new Uri(await output.WaitForLineAsync("Playground: ", running, Patience));
            Assert.Equal("127.0.0.1", url.Host);
            Assert.NotEqual(0, url.Port);
            await output.WaitForLineAsync("Bot connected.", running, Patience);
            await check(url);
        }
        finally
        {
            await stop.CancelAsync();
        }

        var exit = await running.WaitAsync(Patience);
        return (exit, output.Text, error.Text);
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a slow shutdown; the temp folder is cleaned by the OS eventually.
        }
    }
}
