// Writes the endpoint services of the pinned aws-cdk-lib, as data, for
// privnet's catalog: every InterfaceVpcEndpointAwsService and
// GatewayVpcEndpointAwsService member, with the service name CDK renders in
// a stack of each region below (China's two regions, whose prefixes and
// suffixes differ per service, and one region of every other partition
// privnet covers), its port and its private DNS default. Run by
// `make catalog`; the output is committed, so tests need no npm.
'use strict';
const fs = require('fs');
const path = require('path');
const cdk = require('aws-cdk-lib');
const ec2 = require('aws-cdk-lib/aws-ec2');

const regions = ['us-east-1', 'eu-west-1', 'cn-north-1', 'cn-northwest-1', 'us-gov-west-1', 'us-gov-east-1'];
const pkg = require('aws-cdk-lib/package.json');
const app = new cdk.App();
const stacks = Object.fromEntries(regions.map((r) => [r, new cdk.Stack(app, 'oracle-' + r, { env: { region: r, account: '111111111111' } })]));

function members(cls) {
  return Object.getOwnPropertyNames(cls).filter((k) => cls[k] instanceof cls).sort();
}
// A name CDK leaves as {"Fn::Join": ["", [..., {"Ref": "AWS::Region"}, ...]]}
// (the gateway services) is joined with the stack's region, which is what
// CloudFormation does at deploy; any other intrinsic is an error.
function flatten(v, region) {
  if (typeof v === 'string') return v;
  if (v && v.Ref === 'AWS::Region') return region;
  if (v && Array.isArray(v['Fn::Join']) && v['Fn::Join'][0] === '') return v['Fn::Join'][1].map((x) => flatten(x, region)).join('');
  throw new Error(`not a name: ${JSON.stringify(v)}`);
}
function rendered(name) {
  const out = {};
  for (const r of regions) out[r] = flatten(stacks[r].resolve(name), r);
  return out;
}

const data = {
  source: 'npm aws-cdk-lib',
  version: pkg.version,
  regions,
  interface: members(ec2.InterfaceVpcEndpointAwsService).map((k) => {
    const s = ec2.InterfaceVpcEndpointAwsService[k];
    return { member: k, shortName: s.shortName, port: s.port, privateDnsDefault: s.privateDnsDefault, names: rendered(s.name) };
  }),
  gateway: members(ec2.GatewayVpcEndpointAwsService).map((k) => {
    const s = ec2.GatewayVpcEndpointAwsService[k];
    return { member: k, names: rendered(s.name) };
  }),
};
const out = process.argv[2];
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(data, null, 1) + '\n');
console.log(`catalog oracle: aws-cdk-lib ${pkg.version}: ${data.interface.length} interface and ${data.gateway.length} gateway members -> ${out}`);
