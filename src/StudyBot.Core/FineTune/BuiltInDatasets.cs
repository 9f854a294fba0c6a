namespace StudyBot.Core.FineTune;

/// <summary>Small training texts shipped with the bot so a first <c>/finetune start</c> needs no attachment.</summary>
public static class BuiltInDatasets
{
    public const string PaperClub = "paper-club";
    public const string LoraQa = "lora-qa";

    public static IReadOnlyList<string> Names { get; } = [PaperClub, LoraQa];

    /// <summary>The file name the data gets in the run folder (its extension tells the trainer the format).</summary>
    public static string FileName(string name) => name switch
    {
        PaperClub => "paper-club.txt",
        LoraQa => "lora-qa.jsonl",
        _ => throw new ArgumentException($"There is no built-in data set called '{name}'.", nameof(name)),
    };

    public static string Content(string name) => name switch
    {
        PaperClub => PaperClubText,
        LoraQa => LoraQaJsonl,
        _ => throw new ArgumentException($"There is no built-in data set called '{name}'.", nameof(name)),
    };

    public static string Describe(string name) => name switch
    {
        PaperClub => "notes on the papers the club reads (plain text)",
        LoraQa => "questions and answers about LoRA (prompt/completion JSONL)",
        _ => name,
    };

    // Written for this project: short notes a club member might keep after each session.
    private const string PaperClubText = """
        The paper club meets every week to read one paper and argue about it. This week we read about attention.
        Attention lets every token look at every other token and decide how much each one matters. A query is
        compared with all keys, the scores are scaled by the square root of the key width, a softmax turns them
        into weights, and the weights mix the values. Many heads do this at once, each in a smaller space, and
        their outputs are joined again. Because nothing in attention knows about order, the model adds position
        information to the token embeddings before the first layer.

        The transformer stacks blocks of attention and a small feed-forward network. Each block keeps a residual
        path, so the signal from earlier layers can pass straight through, and layer normalisation keeps the
        numbers in a sensible range. GPT-2 puts the normalisation before each sub-layer rather than after it,
        which makes deep stacks easier to train. A causal mask stops a token from looking at the tokens after it,
        so the model can be trained to predict the next token of any text it is given.

        Fine-tuning a whole model is expensive: every weight needs a gradient and optimizer state. LoRA keeps the
        pretrained weights frozen and learns a low-rank update instead. For a weight matrix W it adds B times A,
        where A maps the input down to a small rank r and B maps it back up. B starts at zero, so at the first step
        the model behaves exactly like the base model. The update is scaled by alpha divided by r. After training
        the product can be merged into W, so inference costs nothing extra.

        Adam keeps a running average of the gradient and of its square and divides one by the root of the other,
        so each weight gets its own step size. AdamW applies weight decay directly to the weights instead of
        adding it to the gradient, which keeps the decay from being rescaled by the adaptive step. A short warm-up
        of the learning rate followed by a slow cosine decay is the usual recipe for small fine-tuning runs.

        Layer normalisation rescales the activations of each token to zero mean and unit variance and then applies
        a learned gain and bias. Residual connections let a network of many layers learn small corrections to an
        identity map instead of a whole new function at every layer. Vision transformers cut an image into
        patches, embed each patch like a word, and then use the same blocks as a language model.

        When we discuss a paper we ask three questions: what problem does it solve, what is the one idea that
        makes it work, and what would we try next. Then someone runs a small experiment on the club's GPU and
        shows the loss curve. A falling validation loss is good news; a training loss that falls while the
        validation loss rises means the model is memorising the data rather than learning from it.
        """;

    private const string LoraQaJsonl = """
        {"prompt": "Question: What does LoRA train?\nAnswer:", "completion": " Two small matrices per wrapped layer, A and B, whose product is a low-rank update to the frozen weight."}
        {"prompt": "Question: Why does B start at zero?\nAnswer:", "completion": " So the adapted model equals the base model before the first step."}
        {"prompt": "Question: What is the LoRA scaling factor?\nAnswer:", "completion": " Alpha divided by the rank r."}
        {"prompt": "Question: Which GPT-2 layers are usually wrapped?\nAnswer:", "completion": " The fused attention projection c_attn, sometimes also c_proj and the feed-forward c_fc."}
        {"prompt": "Question: Does a merged adapter slow down inference?\nAnswer:", "completion": " No. After merging, the update is part of the weight and the model runs as fast as before."}
        {"prompt": "Question: Why is LoRA cheap to train?\nAnswer:", "completion": " Only the small A and B matrices need gradients and optimizer state; the base weights stay frozen."}
        {"prompt": "Question: What does a higher rank give?\nAnswer:", "completion": " More capacity for the update, at the cost of more trainable parameters."}
        {"prompt": "Question: What files does a PEFT adapter have?\nAnswer:", "completion": " adapter_model.safetensors with the A and B weights and adapter_config.json with the rank, alpha and targets."}
        """;
}
