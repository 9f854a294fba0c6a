using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace StudyBot.Discord.Tests.Unit;

public sealed class DiscordOptionsValidatorTests
{
    private const string Token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDe.secret-part-of-the-token";

    private static DiscordOptions Valid() => new() { Token = Token, ApplicationId = 42 };

    private static ValidateOptionsResult Validate(DiscordOptions options) => new DiscordOptionsValidator().Validate(null, options);

    [Fact]
    public void Complete_gateway_options_pass()
    {
        Assert.True(Validate(Valid()).Succeeded);
    }

    [Fact]
    public void Missing_token_fails_and_says_where_to_put_it()
    {
        var result = Validate(new DiscordOptions { ApplicationId = 42 });

        Assert.True(result.Failed);
        Assert.Contains("Discord__Token", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GatewayIntents.Guilds | GatewayIntents.MessageContent)]
    [InlineData(GatewayIntents.GuildMembers)]
    [InlineData(GatewayIntents.GuildPresences)]
    public void Privileged_intents_are_rejected(GatewayIntents intents)
    {
        var result = Validate(new DiscordOptions { Token = Token, ApplicationId = 42, Intents = intents });

        Assert.Contains("privileged", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Http_mode_needs_a_hex_public_key()
    {
        var options = Valid();
        options.Mode = DiscordMode.Http;
        Assert.Contains("PublicKey", Validate(options).FailureMessage, StringComparison.Ordinal);

        options.PublicKey = new string('a', 64);
        Assert.True(Validate(options).Succeeded);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:05")]
    [InlineData("02:00:00")]
    public void MaxRetryAfter_must_be_positive_and_at_most_an_hour(string value)
    {
        var options = Valid();
        options.MaxRetryAfter = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Contains("MaxRetryAfter", Validate(options).FailureMessage, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(60), new DiscordOptions().MaxRetryAfter);
    }

    [Theory]
    [InlineData(0, 1024, "MaxConcurrentHandlers")]
    [InlineData(2000, 1024, "MaxConcurrentHandlers")]
    [InlineData(32, 0, "DispatchQueueCapacity")]
    [InlineData(32, 100_000, "DispatchQueueCapacity")]
    public void Handler_and_queue_limits_must_be_in_range(int maxHandlers, int queueCapacity, string named)
    {
        var options = Valid();
        options.MaxConcurrentHandlers = maxHandlers;
        options.DispatchQueueCapacity = queueCapacity;

        Assert.Contains("Discord:" + named, Validate(options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Gateway_override_must_be_a_websocket_url()
    {
        var options = Valid();
        options.GatewayUrlOverride = new Uri("http://127.0.0.1:5000/");

        Assert.Contains("GatewayUrlOverride", Validate(options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Failure_messages_and_text_form_never_contain_the_token()
    {
        var options = Valid();
        options.Intents = GatewayIntents.MessageContent;
        options.ApplicationId = 0;

        Assert.DoesNotContain(Token, Validate(options).FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, options.ToString(), StringComparison.Ordinal);
        Assert.Contains("MTI…(redacted)", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Token_from_a_settings_file_fails_validation_at_start()
    {
        var directory = Directory.CreateTempSubdirectory("studybot-discord-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "appsettings.json"), $$$"""{"Discord":{"Token":"{{{Token}}}","ApplicationId":"42"}}""");
            var configuration = new ConfigurationBuilder().SetBasePath(directory.FullName).AddJsonFile("appsettings.json").Build();
            using var provider = new ServiceCollection().AddLogging().AddDiscordTransport(configuration).BuildServiceProvider();

            var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DiscordOptions>>().Value);

            Assert.Contains("appsettings.json", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Token_from_the_environment_is_accepted()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:ApplicationId"] = "42" })
            .AddEnvironmentVariables("STUDYBOT_TEST_UNSET_")
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:Token"] = Token })
            .Build();
        using var provider = new ServiceCollection().AddLogging().AddDiscordTransport(configuration).BuildServiceProvider();

        Assert.Equal(42UL, provider.GetRequiredService<IOptions<DiscordOptions>>().Value.ApplicationId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(16 * 60)]
    public void Max_signature_age_must_be_positive_and_at_most_fifteen_minutes(int seconds)
    {
        var options = Valid();
        options.MaxSignatureAge = TimeSpan.FromSeconds(seconds);

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains("Discord:MaxSignatureAge must be positive and at most 15 minutes", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Max_signature_age_within_range_passes()
    {
        var options = Valid();
        options.MaxSignatureAge = TimeSpan.FromMinutes(15);
        Assert.True(Validate(options).Succeeded);

        options.MaxSignatureAge = TimeSpan.FromSeconds(30);
        Assert.True(Validate(options).Succeeded);
    }

    [Fact]
    public void Gateway_robustness_settings_are_range_checked()
    {
        var options = Valid();
        options.HelloTimeout = TimeSpan.Zero;
        options.MaxUnstableSessions = 0;
        options.MaxIdentifiesPerHour = 41;

        var message = Validate(options).FailureMessage;

        Assert.Contains("Discord:HelloTimeout must be positive", message, StringComparison.Ordinal);
        Assert.Contains("Discord:MaxUnstableSessions must be between 1 and 100", message, StringComparison.Ordinal);
        Assert.Contains("Discord:MaxIdentifiesPerHour must be between 1 and 40", message, StringComparison.Ordinal);

        options.HelloTimeout = TimeSpan.FromMinutes(3);
        Assert.Contains("Discord:HelloTimeout", Validate(options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_max_signature_age_from_configuration_fails_at_start()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Discord:ApplicationId"] = "42",
                ["Discord:Token"] = Token,
                ["Discord:MaxSignatureAge"] = "01:00:00",
            })
            .Build();
        using var provider = new ServiceCollection().AddLogging().AddDiscordTransport(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DiscordOptions>>().Value);

        Assert.Contains("MaxSignatureAge", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("00:00:26")]
    public void Shutdown_drain_timeout_must_fit_inside_the_hosts_shutdown_time(string value)
    {
        var options = Valid();
        options.ShutdownDrainTimeout = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Contains("Discord:ShutdownDrainTimeout", Validate(options).FailureMessage, StringComparison.Ordinal);
        options.ShutdownDrainTimeout = TimeSpan.Zero;
        Assert.True(Validate(options).Succeeded);
        Assert.Equal(TimeSpan.FromSeconds(10), new DiscordOptions().ShutdownDrainTimeout);
    }
}
