namespace StudyBot.Training.Models;

/// <summary>
/// Shape of a random-init GPT-2. <see cref="Vocab"/> is "byte" (the 257-token byte tokenizer) or a folder holding
/// GPT-2 vocab.json + merges.txt, which are copied. Dropout is written to config.json as resid/embd/attn_pdrop.
/// <see cref="EmbeddingStd"/> is the standard deviation of the token and position embeddings (null:
/// <see cref="TinyModelFactory.DefaultEmbeddingStd"/> for the width; see there and
/// <see cref="TinyModelFactory.InitializeAsLoraBase"/> why the init is not GPT-2's).
/// </summary>
public sealed record TinyModelOptions(
    int Layers = 2,
    int Embd = 64,
    int Heads = 4,
    int Positions = 128,
    string Vocab = "byte",
    int Seed = 1234,
    double Dropout = 0.0,
    double? EmbeddingStd = null);
