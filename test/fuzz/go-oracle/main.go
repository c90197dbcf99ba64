// The fuzz campaign's oracle: Go's own strconv and time answer for the inputs gotui's TypeScript
// re-implementations parse (flag values, durations, string literals). One JSON request a line on
// stdin, one JSON answer a line on stdout, in order.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"math"
	"os"
	"strconv"
	"strings"
	"time"
)

type request struct {
	Op   string `json:"op"`
	S    string `json:"s"`
	Bits int    `json:"bits"`
	// N: an int64 in decimal (DurationString) or a float's IEEE bits in hex (FormatFloat).
	N string `json:"n"`
}

type answer struct {
	OK  bool   `json:"ok"`
	V   string `json:"v,omitempty"`
	Err string `json:"err,omitempty"`
	// Bytes of an unquoted string, as numbers (they need not be UTF-8).
	Bytes []int `json:"bytes,omitempty"`
}

func numErr(err error) string {
	var ne *strconv.NumError
	if errors.As(err, &ne) {
		if errors.Is(ne.Err, strconv.ErrRange) {
			return "range"
		}
		return "syntax"
	}
	return err.Error()
}

func handle(r request) answer {
	switch r.Op {
	case "ParseInt":
		v, err := strconv.ParseInt(r.S, 0, r.Bits)
		if err != nil {
			return answer{Err: numErr(err)}
		}
		return answer{OK: true, V: strconv.FormatInt(v, 10)}
	case "ParseUint":
		v, err := strconv.ParseUint(r.S, 0, r.Bits)
		if err != nil {
			return answer{Err: numErr(err)}
		}
		return answer{OK: true, V: strconv.FormatUint(v, 10)}
	case "ParseFloat":
		v, err := strconv.ParseFloat(r.S, r.Bits)
		if err != nil {
			return answer{Err: numErr(err)}
		}
		if math.IsNaN(v) {
			return answer{OK: true, V: "NaN"}
		}
		return answer{OK: true, V: strconv.FormatUint(math.Float64bits(v), 16)}
	case "ParseBool":
		v, err := strconv.ParseBool(r.S)
		if err != nil {
			return answer{Err: "syntax"}
		}
		return answer{OK: true, V: strconv.FormatBool(v)}
	case "ParseDuration":
		d, err := time.ParseDuration(r.S)
		if err != nil {
			msg := err.Error()
			switch {
			case strings.Contains(msg, "unknown unit"):
				return answer{Err: "unit", V: unitOf(msg)}
			case strings.Contains(msg, "missing unit"):
				return answer{Err: "unit"}
			default:
				return answer{Err: "invalid"}
			}
		}
		return answer{OK: true, V: strconv.FormatInt(int64(d), 10)}
	case "DurationString":
		n, err := strconv.ParseInt(r.N, 10, 64)
		if err != nil {
			return answer{Err: err.Error()}
		}
		return answer{OK: true, V: time.Duration(n).String()}
	case "FormatFloat":
		b, err := strconv.ParseUint(r.N, 16, 64)
		if err != nil {
			return answer{Err: err.Error()}
		}
		f := math.Float64frombits(b)
		if r.Bits == 32 {
			return answer{OK: true, V: strconv.FormatFloat(float64(float32(f)), 'g', -1, 32)}
		}
		return answer{OK: true, V: strconv.FormatFloat(f, 'g', -1, 64)}
	case "Unquote":
		s, err := strconv.Unquote(r.S)
		if err != nil {
			return answer{Err: "syntax"}
		}
		bytes := make([]int, len(s))
		for i := 0; i < len(s); i++ {
			bytes[i] = int(s[i])
		}
		return answer{OK: true, Bytes: bytes}
	}
	return answer{Err: "unknown op " + r.Op}
}

// `time: unknown unit "x" in duration "1x"` -> x: the first quoted string after "unknown unit ",
// read up to its closing quote (time quotes with \xNN, \" and \\ escapes).
func unitOf(msg string) string {
	rest := msg[strings.Index(msg, "unknown unit ")+len("unknown unit "):]
	end := 1
	for end < len(rest) && rest[end] != '"' {
		if rest[end] == '\\' {
			end++
		}
		end++
	}
	if q, err := strconv.Unquote(rest[:end+1]); err == nil {
		return q
	}
	return rest[:end+1]
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	enc := json.NewEncoder(out)
	for in.Scan() {
		var r request
		if err := json.Unmarshal(in.Bytes(), &r); err != nil {
			enc.Encode(answer{Err: "bad request: " + err.Error()})
			continue
		}
		enc.Encode(handle(r))
	}
	out.Flush()
}
