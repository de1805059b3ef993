func.func @f() {
  %x = arith.bogus
}
