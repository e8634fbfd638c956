using Microsoft.ML.OnnxRuntime;

namespace Muybridge.Video.Onnx.Sessions;

/// <summary>
/// Float input and output tensors of fixed shapes over managed buffers, bound to the session once (IO binding), so each run
/// writes into the same memory and allocates nothing. Rebuilt only when a shape changes.
/// </summary>
internal sealed class BoundTensors : IDisposable
{
    private readonly OnnxModel _model;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly float[][] _inputs;
    private readonly float[][] _outputs;
    private readonly OrtValue?[] _inputValues;
    private readonly OrtValue?[] _outputValues;
    private readonly bool[] _resident;
    private readonly bool _anyResident;
    private IDisposableReadOnlyCollection<OrtValue>? _fetched;
    private readonly long[][] _inputShapes;
    private readonly long[][] _outputShapes;
    private OrtIoBinding? _binding;

    /// <param name="residentOutputs">
    /// Outputs another model reads next: on a GPU provider they are bound to the device and stay there
    /// (<see cref="OutputValue"/>), with no host copy; on the CPU they are host buffers like the rest.
    /// </param>
    public BoundTensors(OnnxModel model, string[] inputNames, string[] outputNames, IReadOnlyCollection<int>? residentOutputs = null)
    {
        _model = model;
        _inputValues = new OrtValue?[inputNames.Length];
        _outputValues = new OrtValue?[outputNames.Length];
        _resident = new bool[outputNames.Length];
        foreach (var index in residentOutputs ?? [])
        {
            _resident[index] = model.ResidentMemory is not null;
        }

        _anyResident = Array.IndexOf(_resident, true) >= 0;

        _inputNames = inputNames;
        _outputNames = outputNames;
        _inputs = new float[inputNames.Length][];
        _outputs = new float[outputNames.Length][];
        _inputShapes = new long[inputNames.Length][];
        _outputShapes = new long[outputNames.Length][];
        Array.Fill(_inputs, []);
        Array.Fill(_outputs, []);
        Array.Fill(_inputShapes, []);
        Array.Fill(_outputShapes, []);
    }

    /// <summary>Makes sure the tensors have these shapes; binds anew only on a change.</summary>
    public void Ensure(ReadOnlySpan<long[]> inputShapes, ReadOnlySpan<long[]> outputShapes)
    {
        if (_binding is not null && Same(_inputShapes, inputShapes) && Same(_outputShapes, outputShapes))
        {
            return;
        }

        Release();
        _binding = _model.Session.CreateIoBinding();
        for (var i = 0; i < _inputNames.Length; i++)
        {
            // A copy: callers reuse and rewrite their shape arrays, and a stored reference would always look unchanged.
            _inputShapes[i] = inputShapes[i].ToArray();
            _inputs[i] = new float[Count(inputShapes[i])];
            _inputValues[i] = OrtValue.CreateTensorValueFromMemory(_inputs[i], inputShapes[i]);
            _binding.BindInput(_inputNames[i], _inputValues[i]);
        }

        for (var i = 0; i < _outputNames.Length; i++)
        {
            _outputShapes[i] = outputShapes[i].ToArray();
            if (_resident[i])
            {
                // Allocated on the device by the first run and written in place by the later ones.
                _outputs[i] = [];
                _binding.BindOutputToDevice(_outputNames[i], _model.ResidentMemory!);
                continue;
            }

            _outputs[i] = new float[Count(outputShapes[i])];
            _outputValues[i] = OrtValue.CreateTensorValueFromMemory(_outputs[i], outputShapes[i]);
            _binding.BindOutput(_outputNames[i], _outputValues[i]);
        }
    }

    public Span<float> Input(int index) => _inputs[index];

    public ReadOnlySpan<float> Output(int index)
        => _resident[index] ? throw new InvalidOperationException($"Output '{_outputNames[index]}' stays on the device; read it with OutputValue.") : _outputs[index];

    /// <summary>
    /// The output as a tensor to feed another model without a copy: on the device for a resident output on a GPU, else the
    /// host buffer. Owned here, valid until the next <see cref="Run"/>.
    /// </summary>
    public OrtValue OutputValue(int index)
        => _resident[index]
            ? _fetched?[index] ?? throw new InvalidOperationException("Call Run before reading a resident output.")
            : _outputValues[index] ?? throw new InvalidOperationException("Call Ensure before reading an output.");

    /// <summary>Runs the session on the bound buffers.</summary>
    /// <exception cref="ModelContractException">The model's outputs do not have the shapes its contract promises.</exception>
    public void Run()
    {
        var binding = _binding ?? throw new InvalidOperationException("Call Ensure before Run.");
        try
        {
            if (_model.ActiveProvider != ExecutionProvider.Cpu)
            {
                // ONNX Runtime copies a host input to the device when it is bound, not when the session runs, so on a GPU
                // the buffers the caller has just filled are sent by binding them again (bound once, every CUDA run saw
                // the zeros of the first binding: empty ISNet mattes, black Real-ESRGAN tiles).
                for (var i = 0; i < _inputNames.Length; i++)
                {
                    binding.BindInput(_inputNames[i], _inputValues[i]!);
                }
            }

            _model.Session.RunWithBinding(_model.RunOptions, binding);
            binding.SynchronizeBoundOutputs();
            if (_anyResident)
            {
                _fetched?.Dispose();
                _fetched = binding.GetOutputValues();
            }
        }
        catch (OnnxRuntimeException e)
        {
            // The inputs were bound to the model's own signature: a run that still fails is the model's (a shape it
            // computes that is not the one it declares, an operator it cannot run here); the runtime's own words follow.
            throw new ModelContractException($"'{_model.Path}' failed to run with outputs of shape {string.Join(", ", _outputShapes.Select(s => $"[{string.Join(',', s)}]"))}: {e.Message}", e);
        }
    }

    public void Dispose() => Release();

    private void Release()
    {
        _fetched?.Dispose();
        _fetched = null;
        foreach (var value in _inputValues.Concat(_outputValues))
        {
            value?.Dispose();
        }

        Array.Clear(_inputValues);
        Array.Clear(_outputValues);
        _binding?.Dispose();
        _binding = null;
    }

    private static long Count(long[] shape)
    {
        long n = 1;
        foreach (var d in shape)
        {
            n *= d;
        }

        return n;
    }

    private static bool Same(long[][] current, ReadOnlySpan<long[]> wanted)
    {
        for (var i = 0; i < current.Length; i++)
        {
            if (!current[i].AsSpan().SequenceEqual(wanted[i]))
            {
                return false;
            }
        }

        return true;
    }
}
