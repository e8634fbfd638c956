namespace Muybridge.Video.Numerics;

/// <summary>Running sums of two paired series, read out as their normalised cross-correlation.</summary>
internal struct CorrelationSums
{
    private double _a, _b, _aa, _bb, _ab;

    /// <summary>How many pairs were added.</summary>
    public int Count { get; private set; }

    public void Add(double a, double b)
    {
        (_a, _b, _aa, _bb, _ab) = (_a + a, _b + b, _aa + a * a, _bb + b * b, _ab + a * b);
        Count++;
    }

    /// <summary>The correlation, −1…1; 0 when either series is flat (or nothing was added).</summary>
    public readonly double Score
    {
        get
        {
            if (Count == 0)
            {
                return 0;
            }

            double n = Count;
            var covariance = _ab / n - _a / n * (_b / n);
            var variance = (_aa / n - _a / n * (_a / n)) * (_bb / n - _b / n * (_b / n));
            return variance <= 1e-12 ? 0 : covariance / Math.Sqrt(variance);
        }
    }
}
