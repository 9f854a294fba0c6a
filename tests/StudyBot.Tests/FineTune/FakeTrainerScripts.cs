namespace StudyBot.Tests.FineTune;

/// <summary>Bash scripts that stand in for <c>studybot train --run-dir</c>; each gets the run folder as $1.</summary>
internal static class FakeTrainerScripts
{
    /// <summary>Progress lines (with some garbage between), evals, the output files, then "completed".</summary>
    public static string Succeeds(int steps = 20, double secondsPerStep = 0.02) => $$"""
        set -e
        dir="$1"
        echo '{"type":"status","message":"loading"}'
        if [ -d "$dir/checkpoints" ]; then echo resumed > "$dir/started-from"; else echo scratch > "$dir/started-from"; fi
        echo '{"type":"eval","step":0,"phase":"before","validationLoss":3.5,"perplexity":33.1}'
        echo 'this line is not JSON'
        echo '{"broken json'
        for i in $(seq 1 {{steps}}); do
          echo "{\"type\":\"progress\",\"step\":$i,\"totalSteps\":{{steps}},\"loss\":2.5,\"learningRate\":0.001,\"tokensPerSecond\":1234.5,\"etaSeconds\":3}"
          sleep {{secondsPerStep.ToString(System.Globalization.CultureInfo.InvariantCulture)}}
        done
        mkdir -p "$dir/adapter" "$dir/checkpoints"
        printf 'weights' > "$dir/adapter/adapter_model.safetensors"
        printf '{"peft_type":"LORA"}' > "$dir/adapter/adapter_config.json"
        printf 'PNGDATA' > "$dir/loss.png"
        echo '{"samples":[{"prompt":"Attention","decoding":"sampled","before":"zz","after":"yy"},{"prompt":"Attention","decoding":"greedy","before":"qq","after":"is all"}]}' > "$dir/samples.json"
        echo '{"type":"eval","step":{{steps}},"phase":"after","validationLoss":1.25,"perplexity":3.49}'
        echo '{"type":"completed","validationLossBefore":3.5,"validationLossAfter":1.25}'
        """;

    /// <summary>Some progress, 40 lines of error output, then exit code 1.</summary>
    public const string Crashes = """
        echo '{"type":"progress","step":1,"totalSteps":10,"loss":2.5,"learningRate":0.001,"tokensPerSecond":10,"etaSeconds":3}'
        for i in $(seq 1 40); do echo "trace line $i" >&2; done
        echo 'Unhandled exception: the GPU caught fire' >&2
        exit 1
        """;

    /// <summary>Killed by SIGKILL, as the kernel's OOM killer does.</summary>
    public const string KilledLikeOom = """
        echo '{"type":"progress","step":1,"totalSteps":10,"loss":2.5,"learningRate":0.001,"tokensPerSecond":10,"etaSeconds":3}'
        echo 'allocating a lot' >&2
        kill -9 $$
        """;

    /// <summary>Reports progress, then waits in a child process (whose pid it records) for a minute.</summary>
    public const string Hangs = """
        echo '{"type":"progress","step":1,"totalSteps":1000,"loss":2.5,"learningRate":0.001,"tokensPerSecond":10,"etaSeconds":600}'
        if [ -d "$1/checkpoints" ]; then echo resumed > "$1/started-from"; else echo scratch > "$1/started-from"; fi
        mkdir -p "$1/checkpoints"
        sleep 60 &
        echo $! > "$1/child.pid"
        wait
        """;

    /// <summary>
    /// Reports progress, then trains until its standard input ends — what the bot does to ask a trainer started with
    /// --exit-with-parent to stop — and then, as the real trainer does, saves a checkpoint and exits with 4. Killed
    /// instead, it leaves no checkpoint.
    /// </summary>
    public const string StopsWhenAsked = """
        dir="$1"
        if [ -d "$dir/checkpoints" ]; then echo resumed > "$dir/started-from"; else echo scratch > "$dir/started-from"; fi
        echo '{"type":"progress","step":7,"totalSteps":1000,"loss":2.5,"learningRate":0.001,"tokensPerSecond":10,"etaSeconds":600}'
        echo $$ > "$dir/trainer.pid"
        cat > /dev/null
        mkdir -p "$dir/checkpoints/step-7"
        printf 'moments' > "$dir/checkpoints/step-7/optimizer.safetensors"
        echo '{"type":"checkpoint","step":7}'
        echo '{"type":"cancelled","step":7}'
        echo 'studybot train: parent gone (standard input closed); stopped after saving a checkpoint.' >&2
        exit 4
        """;
}
