using System.Diagnostics;
using StudyBot.EndToEnd.Tests.Bot;

namespace StudyBot.EndToEnd.Tests.Docs;

/// <summary>
/// The README's first step: on a machine without the .NET SDK, <c>scripts/bootstrap.sh</c> (which both quick-start
/// scripts run first) stops and prints how to install it. Run with a PATH that holds no dotnet (only <c>id</c>, which
/// the script calls before the check) and a HOME without ~/.dotnet, so it stops at the check and touches nothing.
/// </summary>
public sealed class BootstrapTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("studybot-bootstrap-").FullName;

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
    public async Task Without_dotnet_it_exits_1_and_prints_how_to_install_the_net_10_sdk()
    {
        var (exit, error) = await RunBootstrapWithoutDotnetAsync(withUnlinkedDotnetInHome: false);

        Assert.True(exit == 1, error);
        Assert.Contains("the .NET SDK (dotnet) was not found; StudyBot needs the .NET 10 SDK", error, StringComparison.Ordinal);
        Assert.Contains("bash dotnet-install.sh --channel 10.0", error, StringComparison.Ordinal);
        Assert.Contains("https://learn.microsoft.com/dotnet/core/tools/dotnet-install-script", error, StringComparison.Ordinal);
        Assert.Contains("https://dotnet.microsoft.com/download/dotnet/10.0", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dotnet_installed_in_home_but_not_on_path_gets_the_line_that_puts_it_there()
    {
        var (exit, error) = await RunBootstrapWithoutDotnetAsync(withUnlinkedDotnetInHome: true);

        Assert.True(exit == 1, error);
        Assert.Contains("is installed in", error, StringComparison.Ordinal);
        Assert.Contains("export DOTNET_ROOT=\"$HOME/.dotnet\" PATH=\"$HOME/.dotnet:$PATH\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dotnet_that_lists_its_sdk_but_cannot_run_stops_the_bootstrap_with_the_icu_hint()
    {
        // As on a minimal Debian 12 without libicu: --list-sdks works, every real command aborts.
        var bin = Directory.CreateDirectory(Path.Combine(_scratch, "bin")).FullName;
        foreach (var tool in new[] { "id", "awk", "grep", "tail", "tr" })
        {
            File.CreateSymbolicLink(Path.Combine(bin, tool), new[] { $"/usr/bin/{tool}", $"/bin/{tool}" }.First(File.Exists));
        }

        var dotnet = Path.Combine(bin, "dotnet");
        File.WriteAllText(dotnet, """
            #!/bin/bash
            if [ "$1" = "--list-sdks" ]; then echo "10.0.100 [/opt/dotnet/sdk]"; exit 0; fi
            echo "Process terminated. Couldn't find a valid ICU package installed on the system." >&2
            exit 134
            """.ReplaceLineEndings("\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var (exit, error) = await RunBootstrapAsync(bin, Directory.CreateDirectory(Path.Combine(_scratch, "home")).FullName);

        Assert.True(exit == 1, error);
        Assert.Contains("the .NET SDK is installed but does not run", error, StringComparison.Ordinal);
        Assert.Contains("Couldn't find a valid ICU package", error, StringComparison.Ordinal);
        Assert.Contains("libicu72", error, StringComparison.Ordinal);
        Assert.DoesNotContain("ready", error, StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Error)> RunBootstrapWithoutDotnetAsync(bool withUnlinkedDotnetInHome)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_scratch, "bin")).FullName;
        var id = new[] { "/usr/bin/id", "/bin/id" }.First(File.Exists);
        File.CreateSymbolicLink(Path.Combine(bin, "id"), id);
        var home = Directory.CreateDirectory(Path.Combine(_scratch, "home")).FullName;
        if (withUnlinkedDotnetInHome)
        {
            // Any executable will do: the script only asks whether ~/.dotnet/dotnet can be run.
            var dotnet = Path.Combine(Directory.CreateDirectory(Path.Combine(home, ".dotnet")).FullName, "dotnet");
            File.CreateSymbolicLink(dotnet, new[] { "/usr/bin/true", "/bin/true" }.First(File.Exists));
        }

        return await RunBootstrapAsync(bin, home);
    }

    private static async Task<(int Exit, string Error)> RunBootstrapAsync(string bin, string home)
    {
        var start = new ProcessStartInfo("/bin/bash")
        {
            ArgumentList = { Path.Combine(RepositoryRoot.Path, "scripts/bootstrap.sh") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PATH"] = bin;
        start.Environment["HOME"] = home;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output + await error);
    }
}
