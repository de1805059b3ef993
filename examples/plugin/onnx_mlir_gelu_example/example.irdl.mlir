// The `example` dialect: one op, GELU of a float tensor (erf form), result of the same type.
irdl.dialect @example {
  irdl.operation @fused_gelu {
    %0 = irdl.base "!builtin.tensor"
    %1 = irdl.base "!builtin.tensor"
    irdl.operands(input: %0)
    irdl.results(output: %1)
  }
}
