// Command gen writes privnet's service catalog from two data files:
//
//   - constructs/endpoints/catalog/testdata/cdk-oracle.json: every endpoint
//     service of the pinned aws-cdk-lib, with the name it renders in each
//     region (tools/catalog/oracle.js, run by make catalog);
//   - tools/catalog/aws-privatelink.json: the names on AWS's "AWS services
//     that integrate with AWS PrivateLink" page, for the services CDK lacks.
//
// It writes constructs/endpoints/catalog/table_gen.go (one row per service)
// and constructs/endpoints/catalog_gen.go (endpoints.X = catalog.X). Run
// from the repository root: go run ./tools/catalog/gen [-date YYYY-MM-DD].
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
)

const (
	oraclePath  = "constructs/endpoints/catalog/testdata/cdk-oracle.json"
	awsListPath = "tools/catalog/aws-privatelink.json"
	tablePath   = "constructs/endpoints/catalog/table_gen.go"
	aliasPath   = "constructs/endpoints/catalog_gen.go"
)

type oracle struct {
	Source    string   `json:"source"`
	Version   string   `json:"version"`
	Regions   []string `json:"regions"`
	Interface []struct {
		Member            string            `json:"member"`
		ShortName         string            `json:"shortName"`
		Port              int               `json:"port"`
		PrivateDnsDefault bool              `json:"privateDnsDefault"`
		Names             map[string]string `json:"names"`
	} `json:"interface"`
	Gateway []struct {
		Member string            `json:"member"`
		Names  map[string]string `json:"names"`
	} `json:"gateway"`
}

type awsList struct {
	Source      string   `json:"source"`
	Read        string   `json:"read"`
	Note        string   `json:"note"`
	Names       []string `json:"names"`
	Corrections map[string]struct {
		Use string `json:"use"`
		Why string `json:"why"`
	} `json:"corrections"`
	LeftOut map[string]string `json:"left_out"`
	// Also are services AWS documents elsewhere than in the list, with
	// the source.
	Also map[string]string `json:"also"`
}

type row struct {
	key, form, global, fipsOf string
	goName                    string
	members                   []string
	port                      int
	gateway, iface            bool
	privateDns                bool
	cnPrefixed, cnSuffixed    int
	fromAws                   bool
	source                    string // for rows AWS documents outside its list
}

// existing keeps the Go names of the first catalog's rows.
var existing = map[string]string{
	"ssm": "SSM", "ssmmessages": "SSMMessages", "ec2messages": "EC2Messages", "ec2": "EC2", "sts": "STS", "iam": "IAM",
	"kms": "KMS", "logs": "Logs", "monitoring": "Monitoring", "s3": "S3", "dynamodb": "DynamoDB", "ecr.api": "ECRApi",
	"ecr.dkr": "ECRDkr", "ecs": "ECS", "elasticloadbalancing": "ElasticLoadBalancing", "kinesis-streams": "KinesisStreams",
	"kinesis-firehose": "KinesisFirehose", "servicecatalog": "ServiceCatalog", "secretsmanager": "SecretsManager",
	"lambda": "Lambda", "sqs": "SQS", "sns": "SNS", "execute-api": "ExecuteApi", "events": "Events", "states": "States",
	"elasticfilesystem": "ElasticFileSystem", "codebuild": "CodeBuild", "athena": "Athena", "glue": "Glue", "rds": "RDS",
	"ebs": "EBS", "autoscaling": "AutoScaling", "cloudformation": "CloudFormation", "xray": "XRay", "ecs-agent": "ECSAgent",
	"ecs-telemetry": "ECSTelemetry",
}

// fipsBase names the service of a FIPS endpoint whose key is not its
// service's with -fips.
var fipsBase = map[string]string{"memorydb-fips": "memory-db"}

// initialisms are written in capitals in Go names.
var initialisms = map[string]bool{
	"acm": true, "api": true, "ec2": true, "ecr": true, "ecs": true, "efs": true, "eks": true, "emr": true, "iam": true,
	"kms": true, "pca": true, "rds": true, "s3": true, "ses": true, "sns": true, "sqs": true, "ssm": true, "sts": true,
	"dms": true, "ebs": true, "fsx": true, "sms": true, "mq": true, "ram": true, "sso": true, "waf": true, "smtp": true,
	"ivs": true, "fis": true, "fms": true, "dlm": true, "oam": true, "osis": true, "evs": true, "pcs": true, "pi": true,
}

var regional = regexp.MustCompile(`^(cn\.)?(com\.amazonaws|aws\.api|aws\.sagemaker)\.([a-z0-9-]+)\.(.+)$`)

// parse splits a name rendered for region r into its form and key, or
// returns a global name's key.
func parse(name, r string) (form, key, global string, err error) {
	if m := regional.FindStringSubmatch(name); m != nil && m[3] == r {
		return m[2], strings.TrimSuffix(m[4], ".cn"), "", nil
	}
	for _, p := range []string{"com.amazonaws.", "aws.api.global."} {
		if k, ok := strings.CutPrefix(name, p); ok && !strings.Contains(name, r) {
			return "", k, name, nil
		}
	}
	return "", "", "", fmt.Errorf("%s: not a name this generator knows for %s", name, r)
}

func goName(key string) string {
	if n, ok := existing[key]; ok {
		return n
	}
	var b strings.Builder
	for _, part := range strings.FieldsFunc(key, func(r rune) bool { return r == '.' || r == '-' || r == '_' }) {
		if initialisms[part] {
			b.WriteString(strings.ToUpper(part))
			continue
		}
		rs := []rune(part)
		rs[0] = unicode.ToUpper(rs[0])
		b.WriteString(string(rs))
	}
	n := b.String()
	if n[0] >= '0' && n[0] <= '9' {
		n = "X" + n
	}
	return n
}

func main() {
	date := flag.String("date", time.Now().UTC().Format("2006-01-02"), "generation date to write")
	flag.BoolVar(&check, "check", false, "compare with the files instead of writing them; exit 1 when they differ")
	flag.Parse()
	if err := run(*date); err != nil {
		fmt.Fprintln(os.Stderr, "catalog:", err)
		os.Exit(1)
	}
}

func run(date string) error {
	var o oracle
	var a awsList
	if err := readJSON(oraclePath, &o); err != nil {
		return err
	}
	if err := readJSON(awsListPath, &a); err != nil {
		return err
	}
	rows := map[string]*row{}
	for _, m := range o.Interface {
		form, key, global, err := parse(m.Names["us-east-1"], "us-east-1")
		if err != nil {
			return fmt.Errorf("aws-cdk-lib %s: %v", m.Member, err)
		}
		r := rows[key]
		if r == nil {
			r = &row{key: key, form: form, global: global, port: m.Port, privateDns: m.PrivateDnsDefault, iface: true}
			rows[key] = r
		} else if r.port != m.Port || r.form != form || r.global != global {
			return fmt.Errorf("aws-cdk-lib %s and %v name %s differently", m.Member, r.members, key)
		}
		r.members = append(r.members, m.Member)
		for reg, name := range m.Names {
			if err := r.check(reg, name); err != nil {
				return fmt.Errorf("aws-cdk-lib %s: %v", m.Member, err)
			}
		}
	}
	for _, m := range o.Gateway {
		_, key, _, err := parse(m.Names["us-east-1"], "us-east-1")
		if err != nil {
			return fmt.Errorf("aws-cdk-lib gateway %s: %v", m.Member, err)
		}
		r := rows[key]
		if r == nil {
			r = &row{key: key, form: "com.amazonaws", port: 443, privateDns: true}
			rows[key] = r
		}
		r.gateway = true
		r.members = append(r.members, "gateway "+m.Member)
	}
	fromCdk := len(rows)
	awsNames := 0
	for _, n := range a.Names {
		if _, skip := a.LeftOut[n]; skip {
			continue
		}
		if c, ok := a.Corrections[n]; ok {
			n = c.Use
		}
		awsNames++
		form, key, global, err := parse(strings.ReplaceAll(n, "<region>", "us-east-1"), "us-east-1")
		if err != nil {
			return fmt.Errorf("%s: %v", awsListPath, err)
		}
		if r := rows[key]; r != nil {
			if r.form != form || r.global != global {
				return fmt.Errorf("%s: %s names %s otherwise than aws-cdk-lib (%s %s)", awsListPath, n, key, r.form, r.global)
			}
			r.iface = true // AWS's page lists interface endpoints
			continue
		}
		rows[key] = &row{key: key, form: form, global: global, port: 443, privateDns: true, iface: true, fromAws: true}
	}
	alsoNames := make([]string, 0, len(a.Also))
	for n := range a.Also {
		alsoNames = append(alsoNames, n)
	}
	sort.Strings(alsoNames)
	for _, n := range alsoNames {
		form, key, global, err := parse(strings.ReplaceAll(n, "<region>", "us-east-1"), "us-east-1")
		if err != nil {
			return fmt.Errorf("%s: also: %v", awsListPath, err)
		}
		if rows[key] != nil {
			return fmt.Errorf("%s: also lists %s, which the catalog has", awsListPath, n)
		}
		rows[key] = &row{key: key, form: form, global: global, port: 443, privateDns: true, iface: true, fromAws: true, source: a.Also[n]}
	}
	keys := make([]string, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	names := map[string]string{}
	for _, k := range keys {
		r := rows[k]
		r.goName = goName(k)
		if r.form == "aws.sagemaker" {
			r.goName = "Sagemaker" + r.goName // aws.sagemaker.<region>.notebook: SagemakerNotebook
		}
		if other, dup := names[r.goName]; dup {
			return fmt.Errorf("keys %s and %s both make the Go name %s: add one to existing", other, k, r.goName)
		}
		names[r.goName] = k
		if base, ok := fipsBase[k]; ok && rows[base] != nil {
			r.fipsOf = base
			continue
		}
		for _, base := range []string{strings.TrimSuffix(k, "-fips"), strings.Replace(k, "-fips.", ".", 1), strings.Replace(k, ".fips", "", 1)} {
			if base != k && rows[base] != nil {
				r.fipsOf = base
				break
			}
		}
	}

	var t bytes.Buffer
	fmt.Fprintf(&t, "// Code generated by go run ./tools/catalog/gen; DO NOT EDIT.\n\n")
	fmt.Fprintf(&t, "package catalog\n\n")
	fmt.Fprintf(&t, "// The rows, generated %s from:\n", date)
	fmt.Fprintf(&t, "//   - %s %s (%s): %d InterfaceVpcEndpointAwsService and %d GatewayVpcEndpointAwsService members,\n",
		o.Source, o.Version, oraclePath, len(o.Interface), len(o.Gateway))
	fmt.Fprintf(&t, "//     %d services, their names rendered in %s;\n", fromCdk, strings.Join(o.Regions, ", "))
	fmt.Fprintf(&t, "//   - %s (read %s): %d names, %d services CDK lacks;\n", a.Source, a.Read, awsNames, len(rows)-fromCdk-len(a.Also))
	fmt.Fprintf(&t, "//   - %d documented outside that list (their Source says where).\n", len(a.Also))
	fmt.Fprintf(&t, "// %d services in all.\n", len(rows))
	fmt.Fprintf(&t, "var (\n")
	for _, k := range keys {
		r := rows[k]
		fields := []string{fmt.Sprintf("Key: %q", k)}
		switch {
		case r.gateway && r.iface:
			fields = append(fields, "Types: []Type{Gateway, Interface}")
		case r.gateway:
			fields = append(fields, "Types: []Type{Gateway}")
		default:
			fields = append(fields, "Types: []Type{Interface}")
		}
		if r.privateDns {
			fields = append(fields, "PrivateDns: true")
		}
		if r.port != 443 {
			fields = append(fields, fmt.Sprintf("Ports: []int{%d}", r.port))
		}
		if r.global != "" {
			fields = append(fields, fmt.Sprintf("Global: %q", r.global))
		} else {
			fields = append(fields, "Form: "+map[string]string{"com.amazonaws": "ComAmazonaws", "aws.api": "AwsApi", "aws.sagemaker": "AwsSagemaker"}[r.form])
		}
		if r.fipsOf != "" {
			fields = append(fields, fmt.Sprintf("FipsOf: %q", r.fipsOf))
		}
		src := o.Source + " " + o.Version + " " + strings.Join(r.members, ", ")
		if r.fromAws {
			src = "AWS PrivateLink Guide (read " + a.Read + ")"
			if r.source != "" {
				src = r.source
			}
		}
		fields = append(fields, fmt.Sprintf("Source: %q", strings.TrimPrefix(src, "npm ")))
		if r.cnPrefixed != 0 {
			fields = append(fields, fmt.Sprintf("cnPrefixed: %d", r.cnPrefixed))
		}
		if r.cnSuffixed != 0 {
			fields = append(fields, fmt.Sprintf("cnSuffixed: %d", r.cnSuffixed))
		}
		fmt.Fprintf(&t, "\t%s = add(Service{%s})\n", r.goName, strings.Join(fields, ", "))
	}
	fmt.Fprintf(&t, ")\n\n// cdkVersion is the aws-cdk-lib the rows come from.\nconst cdkVersion = %q\n\n", "aws-cdk-lib "+o.Version)
	fmt.Fprintf(&t, "// goNames are the rows' Go names, by key.\nvar goNames = map[string]string{\n")
	for _, k := range keys {
		fmt.Fprintf(&t, "\t%q: %q,\n", k, rows[k].goName)
	}
	fmt.Fprintf(&t, "}\n")
	if err := write(tablePath, t.Bytes()); err != nil {
		return err
	}

	var e bytes.Buffer
	fmt.Fprintf(&e, "// Code generated by go run ./tools/catalog/gen; DO NOT EDIT.\n\n")
	fmt.Fprintf(&e, "package endpoints\n\nimport \"github.com/privnet/privnet/constructs/endpoints/catalog\"\n\n")
	fmt.Fprintf(&e, "// Every catalog row, as endpoints.X (the same *Service as catalog.X).\nvar (\n")
	for _, k := range keys {
		fmt.Fprintf(&e, "\t%s = catalog.%s\n", rows[k].goName, rows[k].goName)
	}
	fmt.Fprintf(&e, ")\n")
	if err := write(aliasPath, e.Bytes()); err != nil {
		return err
	}
	fmt.Printf("catalog: %d services (%d from aws-cdk-lib %s, %d more from AWS documentation) -> %s, %s\n", len(rows), fromCdk, o.Version, len(rows)-fromCdk, tablePath, aliasPath)
	return nil
}

// check records what a name rendered in reg says about the row: China's
// prefix and suffix, and that every other region names it by the form.
func (r *row) check(reg, name string) error {
	if r.global != "" {
		if name != r.global {
			return fmt.Errorf("%s is %s in %s, not the same in every region", r.key, name, reg)
		}
		return nil
	}
	bit := map[string]int{"cn-north-1": 1, "cn-northwest-1": 2}[reg]
	want := r.form + "." + reg + "." + r.key
	switch {
	case name == want:
	case bit != 0 && name == "cn."+want:
		r.cnPrefixed |= bit
	case bit != 0 && name == want+".cn":
		r.cnSuffixed |= bit
	case bit != 0 && name == "cn."+want+".cn":
		r.cnPrefixed |= bit
		r.cnSuffixed |= bit
	default:
		return fmt.Errorf("%s in %s is %s, which the row's form cannot make", r.key, reg, name)
	}
	return nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	return nil
}

// check: compare instead of write (the test that the committed files are
// what the data makes).
var check bool

func write(path string, src []byte) error {
	out, err := format.Source(src)
	if err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	if check {
		old, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(old, out) {
			return fmt.Errorf("%s is not what the data makes: run make catalog", path)
		}
		return nil
	}
	return os.WriteFile(path, out, 0o644)
}
