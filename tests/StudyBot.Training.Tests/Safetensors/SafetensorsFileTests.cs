using System.Buffers.Binary;
using System.Collections;
using System.Text;
using StudyBot.Training.Safetensors;
using StudyBot.Training.Tests.Fixtures;
using TorchSharp;
using static TorchSharp.torch;

namespace StudyBot.Training.Tests.Safetensors;

public sealed class SafetensorsFileTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float16)]
    [InlineData(ScalarType.BFloat16)]
    [InlineData(ScalarType.Int64)]
    [InlineData(ScalarType.Int32)]
    public void Round_trip_preserves_values_shapes_and_dtype(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var matrix = (randn(3, 5, generator: new Generator(7)) * 100).to(dtype);
        var vector = arange(7).to(dtype);
        var empty = zeros([0, 4], dtype);
        var path = folder.File("t.safetensors");

        SafetensorsFile.Write(path, new Dictionary<string, Tensor> { ["m"] = matrix, ["v"] = vector, ["e"] = empty });
        using var read = SafetensorsFile.Read(path);

        Assert.Equal(3, read.Tensors.Count);
        foreach (var (name, original) in new[] { ("m", matrix), ("v", vector), ("e", empty) })
        {
            var loaded = read.Tensors[name];
            Assert.Equal(dtype, loaded.dtype);
            Assert.Equal(original.shape, loaded.shape);
            Assert.True(original.eq(loaded).all().item<bool>(), $"tensor {name} differs after the round trip");
        }
    }

    [Fact]
    public void Metadata_round_trips_and_header_is_padded_to_8_bytes()
    {
        using var scope = NewDisposeScope();
        var path = folder.File("meta.safetensors");
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcode ✓" };

        SafetensorsFile.Write(path, new Dictionary<string, Tensor> { ["x"] = ones(3) }, metadata);

        using var read = SafetensorsFile.Read(path);
        Assert.Equal(metadata, read.Metadata);
        var bytes = File.ReadAllBytes(path);
        var headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, (8 + headerLength) % 8);
        Assert.Equal(8 + headerLength + 12, bytes.Length);
        var header = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);
        Assert.StartsWith("{\"__metadata__\":{\"format\":\"pt\"", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Tensor_bytes_are_little_endian_at_the_declared_offsets()
    {
        using var scope = NewDisposeScope();
        var path = folder.File("layout.safetensors");
        SafetensorsFile.Write(path, new Dictionary<string, Tensor> { ["a"] = tensor(new[] { 1.5f, -2f }), ["b"] = tensor(new long[] { 258 }) });

        var header = SafetensorsFile.ReadHeader(path);
        var bytes = File.ReadAllBytes(path);
        var a = header.Tensors.Single(t => t.Name == "a");
        var b = header.Tensors.Single(t => t.Name == "b");
        Assert.Equal(1.5f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((int)(header.DataStart + a.Begin))));
        Assert.Equal(-2f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((int)(header.DataStart + a.Begin + 4))));
        Assert.Equal(258L, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan((int)(header.DataStart + b.Begin))));
    }

    [Fact]
    public void Truncated_data_is_reported_with_the_file_name()
    {
        var path = WriteValidFile();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^3]);

        var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Read(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_header_is_reported()
    {
        var path = folder.File("badjson.safetensors");
        WriteRaw(path, "{\"x\": {\"dtype\": \"F32\", \"shape\": [1], ", new byte[4]);

        var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Read(path));
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_offsets_are_rejected()
    {
        var path = folder.File("overlap.safetensors");
        WriteRaw(
            path,
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
            new byte[12]);

        var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Read(path));
        Assert.Contains("overlap", error.Message, StringComparison.Ordinal);
        Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_tensor_names_are_rejected()
    {
        var path = folder.File("dup.safetensors");
        WriteRaw(
            path,
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
            new byte[8]);

        var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Read(path));
        Assert.Contains("'a' twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Size_that_disagrees_with_dtype_and_shape_is_rejected()
    {
        var path = folder.File("size.safetensors");
        WriteRaw(path, "{\"a\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]);

        var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Read(path));
        Assert.Contains("needs 6 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_length_beyond_the_file_is_rejected()
    {
        var path = folder.File("long.safetensors");
        var bytes = new byte[64];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1_000_000);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Read(path));
        Assert.Contains("header length", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_shorter_than_the_length_field_is_rejected()
    {
        var path = folder.File("tiny.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);

        var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Read(path));
        Assert.Contains("too short", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_dtype_and_gaps_are_rejected()
    {
        var dtypePath = folder.File("dtype.safetensors");
        WriteRaw(dtypePath, "{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}", new byte[1]);
        var gapPath = folder.File("gap.safetensors");
        WriteRaw(gapPath, "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]);

        Assert.Contains("unsupported dtype", Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Read(dtypePath)).Message, StringComparison.Ordinal);
        Assert.Contains("gap", Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Read(gapPath)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_reported_as_a_format_error_naming_it()
    {
        var path = folder.File("absent.safetensors");

        var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Read(path));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_write_that_fails_midway_leaves_the_previous_file_and_no_temp_file()
    {
        using var scope = NewDisposeScope();
        var path = WriteValidFile();
        var before = File.ReadAllBytes(path);
        var tensors = new FailingDictionary(new Dictionary<string, Tensor> { ["a"] = ones(1000), ["b"] = ones(1000) }, failOnAccess: 4);

        Assert.Throws<IOException>(() => SafetensorsFile.Write(path, tensors));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    private string WriteValidFile()
    {
        using var scope = NewDisposeScope();
        var path = folder.File("valid.safetensors");
        SafetensorsFile.Write(path, new Dictionary<string, Tensor> { ["w"] = arange(10, dtype: ScalarType.Float32) });
        return path;
    }

    private static void WriteRaw(string path, string header, byte[] data)
    {
        var headerBytes = Encoding.UTF8.GetBytes(header);
        using var stream = File.Create(path);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)headerBytes.Length);
        stream.Write(length);
        stream.Write(headerBytes);
        stream.Write(data);
    }

    // Simulates a failure while tensor data is being streamed (after the header is written): the Nth lookup throws.
    private sealed class FailingDictionary(Dictionary<string, Tensor> inner, int failOnAccess) : IReadOnlyDictionary<string, Tensor>
    {
        private int accesses;

        public Tensor this[string key] => ++accesses >= failOnAccess ? throw new IOException("disk full (simulated)") : inner[key];

        public IEnumerable<string> Keys => inner.Keys;

        public IEnumerable<Tensor> Values => inner.Values;

        public int Count => inner.Count;

        public bool ContainsKey(string key) => inner.ContainsKey(key);

        public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out Tensor value) => inner.TryGetValue(key, out value);

        public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator() => inner.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
