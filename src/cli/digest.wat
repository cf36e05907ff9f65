;; The launcher's digest of a code cache entry, assembled into dist/cli.js by scripts/build.mjs.
;; It tells damaged bytes apart; it is no defence against anyone (the owner checks are that).
;; WebAssembly because node:crypto costs each run about 8 ms to load (it brings Node's streams),
;; and a JavaScript loop over a quarter megabyte runs in the interpreter on a cold start.
;;
;; h(start, end, seed) reads memory[start, end) eight bytes at a time; the caller zeroes the
;; eight bytes after end and passes the length as the seed. Each step is one-to-one in both the
;; state and the word read, so any change within one word always changes the result.
(module
  (memory (export "m") 1)
  (func (export "h") (param $i i32) (param $end i32) (param $h i64) (result i64)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $h
          (i64.mul
            (i64.rotl
              (i64.xor (local.get $h) (i64.mul (i64.load (local.get $i)) (i64.const 0x9e3779b185ebca87)))
              (i64.const 31))
            (i64.const 0xc2b2ae3d27d4eb4f)))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $next)))
    (local.set $h (i64.mul (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 33))) (i64.const 0x165667b19e3779f9)))
    (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 29)))))
