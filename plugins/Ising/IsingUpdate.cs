namespace Framework.Plugins.Ising;

/// <summary>The Monte Carlo update that moves the lattice between recorded configurations.</summary>
public enum IsingUpdate
{
    /// <summary>Single-spin Metropolis updates; a sweep visits every site once in turn.</summary>
    Metropolis,

    /// <summary>Wolff cluster flips (no critical slowing down); a sweep flips clusters until as many spins as the lattice holds have flipped.</summary>
    Wolff,
}
